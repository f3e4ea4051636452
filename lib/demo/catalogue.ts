/**
 * The demo product mappings (ARCHITECTURE §7): the local CWS sandbox's default catalogue mapped to
 * fixed G2A product ids, minimum margin 0.00, pre-orders allowed only for TPP.
 */
export const DEMO_MAPPINGS = [
  { g2aProductId: "10000000000011", identifier: "TWTCO", cwsProductId: "ffe2274d-5469-4b0f-b57b-f8d21b09c24c", allowPreOrder: false, shows: "instant text keys" },
  { g2aProductId: "10000000000012", identifier: "TWICO", cwsProductId: "6313677f-5219-47e4-a067-7401f55c5a3a", allowPreOrder: false, shows: "image keys, delivered to G2A as files" },
  { g2aProductId: "10000000000013", identifier: "TPP", cwsProductId: "33e3e81d-2b78-475a-8886-9848116f5133", allowPreOrder: true, shows: "pre-order: waits until released" },
  { g2aProductId: "10000000000014", identifier: "TPWHP", cwsProductId: "04aeaf1e-f7b5-4ba9-ba19-91003a04db0a", allowPreOrder: false, shows: "CWS refuses (balance too low): FAILED, Retry after a top-up" },
  { g2aProductId: "10000000000021", identifier: "SKYOUT", cwsProductId: "d8c52d47-d362-4e4a-bf8c-085d6580ed44", allowPreOrder: false, shows: "instant, tiered price" },
  { g2aProductId: "10000000000022", identifier: "NEONDO", cwsProductId: "303e8869-e17e-465d-9956-52a35489a490", allowPreOrder: false, shows: "delayed 8 s: 202, then keys" },
  { g2aProductId: "10000000000023", identifier: "MISTVH", cwsProductId: "6145e255-dffc-49ef-b022-76979cacb27c", allowPreOrder: false, shows: "instant" },
  { g2aProductId: "10000000000024", identifier: "PIXHAR", cwsProductId: "c9a6e279-74ef-4a79-a18e-ba3a020d2a16", allowPreOrder: false, shows: "low stock (3)" },
  { g2aProductId: "10000000000025", identifier: "STARCA", cwsProductId: "c3be73ec-629f-4014-a32f-ff42aa657912", allowPreOrder: false, shows: "out of stock: 409" },
  { g2aProductId: "10000000000026", identifier: "FROSTSP", cwsProductId: "c6e2f888-543b-4663-b04b-171b98b6ce98", allowPreOrder: false, shows: "delayed 120 s: needs patience" },
] as const;

export type DemoIdentifier = (typeof DEMO_MAPPINGS)[number]["identifier"];
