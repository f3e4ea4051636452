import { describe, expect, it } from "vitest";
import { declareStock, stopKind, type StockInput } from "@/lib/offers/declared-stock";

const NOW = new Date("2026-12-02T12:00:00Z");

const base: StockInput = {
  mappingEnabled: true,
  sellingPaused: false,
  pausedByStaff: false,
  allowPreOrder: false,
  snapshot: { quantity: 250, tiers: [], releaseDate: null, available: true, fetchedAt: NOW },
  heldUnits: 3,
  maxDeclared: 9_999,
  balanceCents: 1_000_00n,
  unitCostCents: 12_49n,
  uneconomic: null,
  now: NOW,
};

const snapshot = (change: Partial<NonNullable<StockInput["snapshot"]>>) => ({
  snapshot: { ...base.snapshot!, ...change },
});

describe("the stock declared to G2A", () => {
  it.each<[string, Partial<StockInput>, number]>([
    ["CWS quantity minus our holds, capped by what the balance buys (1,000.00 / 12.49 = 80)", {}, 80],
    ["… by the mapping's maximum", { maxDeclared: 25 }, 25],
    ["… by the holds alone when the balance is large", { balanceCents: 1_000_000_00n }, 247],
    ["… without a balance cap before the first balance check", { balanceCents: null }, 247],
    ["one unit the balance can just buy", { balanceCents: 12_49n }, 1],
    ["a released pre-order sells", { ...snapshot({ releaseDate: new Date("2026-01-01T00:00:00Z") }) }, 80],
    [
      "an unreleased pre-order the mapping allows sells",
      { allowPreOrder: true, ...snapshot({ releaseDate: new Date("2027-01-01T00:00:00Z") }) },
      80,
    ],
  ])("sells: %s", (_name, change, size) => {
    expect(declareStock({ ...base, ...change })).toEqual({ size, active: true, stopReason: null });
  });

  it.each<[string, Partial<StockInput>, string, ReturnType<typeof stopKind>]>([
    ["staff paused the offer", { pausedByStaff: true }, "paused by staff", "other"],
    ["the mapping is disabled", { mappingEnabled: false }, "the mapping is disabled", "other"],
    ["selling is paused", { sellingPaused: true }, "selling is paused", "other"],
    ["CWS was never read", { snapshot: null }, "CWS stock has not been read yet", "other"],
    ["CWS hides the product", snapshot({ available: false }), "CWS does not sell the product now", "out_of_stock"],
    [
      "an unreleased pre-order not allowed",
      snapshot({ releaseDate: new Date("2027-01-01T00:00:00Z") }),
      "a pre-order, and the mapping does not allow pre-orders",
      "other",
    ],
    ["CWS has none", snapshot({ quantity: 0 }), "CWS has no stock", "out_of_stock"],
    [
      "our holds take every unit",
      { heldUnits: 250 },
      "every unit CWS has (250) is held by our reservations and orders",
      "out_of_stock",
    ],
    ["CWS gives no price", { unitCostCents: null }, "CWS gives no price for one unit", "other"],
    [
      "the floor is above G2A's maximum",
      { uneconomic: "uneconomic: the floor €30.00 is above G2A's maximum price €20.00" },
      "uneconomic: the floor €30.00 is above G2A's maximum price €20.00",
      "uneconomic",
    ],
    [
      "the balance cannot buy one unit",
      { balanceCents: 12_48n },
      "the CWS balance (€12.48) cannot buy one unit at €12.49",
      "other",
    ],
  ])("stops, size 0 and inactive, when %s", (_name, change, reason, kind) => {
    expect(declareStock({ ...base, ...change })).toEqual({ size: 0, active: false, stopReason: reason });
    expect(stopKind(reason)).toBe(kind);
  });
});
