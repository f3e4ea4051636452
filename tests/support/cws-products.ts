/** Demo catalogue product ids (codeswholesale-v3.md §13.5). */
export const CWS_PRODUCTS = {
  TWTCO: "ffe2274d-5469-4b0f-b57b-f8d21b09c24c",
  TWICO: "6313677f-5219-47e4-a067-7401f55c5a3a",
  TPP: "33e3e81d-2b78-475a-8886-9848116f5133",
  TPWHP: "04aeaf1e-f7b5-4ba9-ba19-91003a04db0a",
  SKYOUT: "d8c52d47-d362-4e4a-bf8c-085d6580ed44",
  NEONDO: "303e8869-e17e-465d-9956-52a35489a490",
  MISTVH: "6145e255-dffc-49ef-b022-76979cacb27c",
  PIXHAR: "c9a6e279-74ef-4a79-a18e-ba3a020d2a16",
  STARCA: "c3be73ec-629f-4014-a32f-ff42aa657912",
  FROSTSP: "c6e2f888-543b-4663-b04b-171b98b6ce98",
} as const;
