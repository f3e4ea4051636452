/**
 * What a sale of a demo product ends in, as the G2A simulator sees it:
 * - `keys`: keys of `keyKind`, one per unit, in the POST /order answer or by polling after a 202;
 * - `pending`: no keys within the simulator's wait (they come later, or once a pre-order is released);
 * - `out-of-stock`: the reservation is refused with 409 OUT_OF_STOCK;
 * - `failed`: CWS refuses the purchase, G2A gets 500 FULFILLMENT_FAILED.
 */
export type DemoOutcome =
  { kind: "keys"; keyKind: "text" | "file" } | { kind: "pending" } | { kind: "out-of-stock" } | { kind: "failed" };

/**
 * The demo product mappings (ARCHITECTURE §7): the local CWS sandbox's default catalogue mapped to
 * fixed G2A product ids, minimum margin 0.00, pre-orders allowed only for TPP. `unitPrice` is the
 * price the G2A simulator offers by default (above CWS's price, so the sale leaves a margin; none
 * for TPWHP, which costs more than the sandbox account holds until it is topped up; its mapping
 * allows a unit cost above MAX_UNIT_COST_EUR's default). The README's demo table and the out-of-the-box test
 * both read `outcome` from here.
 */
export const DEMO_MAPPINGS = [
  {
    g2aProductId: "10000000000011",
    identifier: "TWTCO",
    cwsProductId: "ffe2274d-5469-4b0f-b57b-f8d21b09c24c",
    allowPreOrder: false,
    unitPrice: "2.00",
    maxUnitCost: null,
    outcome: { kind: "keys", keyKind: "text" },
    shows: "instant text keys",
  },
  {
    g2aProductId: "10000000000012",
    identifier: "TWICO",
    cwsProductId: "6313677f-5219-47e4-a067-7401f55c5a3a",
    allowPreOrder: false,
    unitPrice: "2.00",
    maxUnitCost: null,
    outcome: { kind: "keys", keyKind: "file" },
    shows: "image keys, delivered to G2A as files",
  },
  {
    g2aProductId: "10000000000013",
    identifier: "TPP",
    cwsProductId: "33e3e81d-2b78-475a-8886-9848116f5133",
    allowPreOrder: true,
    unitPrice: "2.00",
    maxUnitCost: null,
    outcome: { kind: "pending" },
    shows: "pre-order: waits until released",
  },
  {
    g2aProductId: "10000000000014",
    identifier: "TPWHP",
    cwsProductId: "04aeaf1e-f7b5-4ba9-ba19-91003a04db0a",
    allowPreOrder: false,
    unitPrice: null,
    maxUnitCost: "1500.00",
    outcome: { kind: "failed" },
    shows: "CWS refuses (balance too low): FAILED, Retry after a top-up",
  },
  {
    g2aProductId: "10000000000021",
    identifier: "SKYOUT",
    cwsProductId: "d8c52d47-d362-4e4a-bf8c-085d6580ed44",
    allowPreOrder: false,
    unitPrice: "15.00",
    maxUnitCost: null,
    outcome: { kind: "keys", keyKind: "text" },
    shows: "instant, tiered price",
  },
  {
    g2aProductId: "10000000000022",
    identifier: "NEONDO",
    cwsProductId: "303e8869-e17e-465d-9956-52a35489a490",
    allowPreOrder: false,
    unitPrice: "6.00",
    maxUnitCost: null,
    outcome: { kind: "keys", keyKind: "text" },
    shows: "delayed 8 s: 202, then keys",
  },
  {
    g2aProductId: "10000000000023",
    identifier: "MISTVH",
    cwsProductId: "6145e255-dffc-49ef-b022-76979cacb27c",
    allowPreOrder: false,
    unitPrice: "30.00",
    maxUnitCost: null,
    outcome: { kind: "keys", keyKind: "text" },
    shows: "instant",
  },
  {
    g2aProductId: "10000000000024",
    identifier: "PIXHAR",
    cwsProductId: "c9a6e279-74ef-4a79-a18e-ba3a020d2a16",
    allowPreOrder: false,
    unitPrice: "3.00",
    maxUnitCost: null,
    outcome: { kind: "keys", keyKind: "text" },
    shows: "low stock (3): 409 once sold out",
  },
  {
    g2aProductId: "10000000000025",
    identifier: "STARCA",
    cwsProductId: "c3be73ec-629f-4014-a32f-ff42aa657912",
    allowPreOrder: false,
    unitPrice: "20.00",
    maxUnitCost: null,
    outcome: { kind: "out-of-stock" },
    shows: "out of stock: 409",
  },
  {
    g2aProductId: "10000000000026",
    identifier: "FROSTSP",
    cwsProductId: "c6e2f888-543b-4663-b04b-171b98b6ce98",
    allowPreOrder: false,
    unitPrice: "12.00",
    maxUnitCost: null,
    outcome: { kind: "pending" },
    shows: "delayed 120 s: 202, keys two minutes later",
  },
] as const satisfies ReadonlyArray<{
  g2aProductId: string;
  identifier: string;
  cwsProductId: string;
  allowPreOrder: boolean;
  unitPrice: string | null;
  /** The mapping's maximum unit cost, when the product costs more than MAX_UNIT_COST_EUR's default. */
  maxUnitCost: string | null;
  outcome: DemoOutcome;
  shows: string;
}>;

export type DemoIdentifier = (typeof DEMO_MAPPINGS)[number]["identifier"];
export type DemoMapping = (typeof DEMO_MAPPINGS)[number];

/** The demo mapping of a G2A product id or CWS identifier (any case), if it is one. */
export function findDemoMapping(product: string): DemoMapping | undefined {
  const wanted = product.trim().toUpperCase();
  return DEMO_MAPPINGS.find((mapping) => mapping.g2aProductId === wanted || mapping.identifier === wanted);
}

/** What a demo outcome reads as, in the README's table and the simulator's report. */
export function describeOutcome(outcome: DemoOutcome): string {
  switch (outcome.kind) {
    case "keys":
      return outcome.keyKind === "file" ? "keys (file)" : "keys (text)";
    case "pending":
      return "pending";
    case "out-of-stock":
      return "409 OUT_OF_STOCK";
    case "failed":
      return "500 FULFILLMENT_FAILED";
  }
}
