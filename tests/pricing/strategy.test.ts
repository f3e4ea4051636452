import { describe, expect, it } from "vitest";
import {
  priceChangeWorthSending,
  targetPrice,
  type Competitor,
  type PricingStrategy,
  type TargetPriceInput,
} from "@/lib/pricing";

const rival = (offerId: string, priceCents: bigint, inStock = true): Competitor => ({
  offerId,
  priceCents,
  inStock,
  sellerName: `seller ${offerId}`,
});

const follow = (maxPriceCents: bigint | null): PricingStrategy => ({
  kind: "FOLLOW_COMPETITION",
  maxPriceCents,
  fallback: { kind: "TARGET_MARGIN", marginCents: 100n },
});

const NO_LIMITS = { minCents: null, maxCents: null };

type Row = {
  name: string;
  input: Partial<TargetPriceInput> & Pick<TargetPriceInput, "strategy">;
  priceCents: bigint;
  basis: string;
  competitor?: bigint | null;
  position?: number | null;
};

// Every row lists on a floor of €5.12 unless it says otherwise.
const ROWS: Row[] = [
  {
    name: "a fixed price above the floor is listed as it is",
    input: { strategy: { kind: "FIXED", priceCents: 999n } },
    priceCents: 999n,
    basis: "fixed €9.99",
  },
  {
    name: "a fixed price below the floor is raised to the floor",
    input: { strategy: { kind: "FIXED", priceCents: 999n }, floorCents: 1020n },
    priceCents: 1020n,
    basis: "fixed €9.99, raised to the floor €10.20",
  },
  {
    name: "a target margin in euros is added to the floor",
    input: { strategy: { kind: "TARGET_MARGIN", marginCents: 100n } },
    priceCents: 612n,
    basis: "floor €5.12 + margin €1.00",
  },
  {
    name: "a target margin in percent of the floor is rounded up to the cent",
    input: { strategy: { kind: "TARGET_MARGIN", basisPoints: 1000 } },
    priceCents: 564n, // 10 % of €5.12 is €0.512
    basis: "floor €5.12 + margin 10 % (€0.52)",
  },
  {
    name: "a fractional percentage reads as one",
    input: { strategy: { kind: "TARGET_MARGIN", basisPoints: 1250 }, floorCents: 500n },
    priceCents: 563n, // 12.5 % of €5.00 is €0.625
    basis: "floor €5.00 + margin 12.5 % (€0.63)",
  },
  {
    name: "a competitor above the floor is undercut by one cent",
    input: { strategy: follow(null), competitors: [rival("a", 749n)] },
    priceCents: 748n,
    basis: "cheapest competitor €7.49 − €0.01",
    competitor: 749n,
    position: 1,
  },
  {
    name: "a competitor one cent above the floor is undercut down to the floor",
    input: { strategy: follow(null), competitors: [rival("a", 513n)] },
    priceCents: 512n,
    basis: "cheapest competitor €5.13 − €0.01",
    competitor: 513n,
    position: 1,
  },
  {
    name: "a competitor at the floor leaves us at the floor",
    input: { strategy: follow(null), competitors: [rival("a", 512n)] },
    priceCents: 512n,
    basis: "cheapest competitor €5.12 is not above the floor: listed at the floor €5.12",
    competitor: 512n,
    position: 1,
  },
  {
    name: "a competitor below the floor leaves us at the floor, second",
    input: { strategy: follow(null), competitors: [rival("a", 450n), rival("b", 900n)] },
    priceCents: 512n,
    basis: "cheapest competitor €4.50 is not above the floor: listed at the floor €5.12",
    competitor: 450n,
    position: 2,
  },
  {
    name: "our own offer among the competitors is ignored",
    input: { strategy: follow(null), competitors: [rival("ours", 600n), rival("a", 749n)], ownOfferIds: ["ours"] },
    priceCents: 748n,
    basis: "cheapest competitor €7.49 − €0.01",
    competitor: 749n,
    position: 1,
  },
  {
    name: "an out-of-stock competitor is ignored",
    input: { strategy: follow(null), competitors: [rival("empty", 600n, false), rival("a", 749n)] },
    priceCents: 748n,
    basis: "cheapest competitor €7.49 − €0.01",
    competitor: 749n,
    position: 1,
  },
  {
    name: "with no competitor and a maximum, we list at the maximum",
    input: { strategy: follow(2_500n) },
    priceCents: 2_500n,
    basis: "no competitor in stock: our maximum €25.00",
    competitor: null,
    position: null,
  },
  {
    name: "with no competitor and no maximum, the fallback strategy decides",
    input: { strategy: follow(null) },
    priceCents: 612n,
    basis: "no competitor in stock: floor €5.12 + margin €1.00",
    competitor: null,
    position: null,
  },
  {
    name: "only our own and out-of-stock offers count as no competitor",
    input: {
      strategy: follow(null),
      competitors: [rival("ours", 600n), rival("empty", 550n, false)],
      ownOfferIds: ["ours"],
    },
    priceCents: 612n,
    basis: "no competitor in stock: floor €5.12 + margin €1.00",
    competitor: null,
    position: null,
  },
  {
    name: "a competitor above our maximum: we list at the maximum",
    input: { strategy: follow(2_500n), competitors: [rival("a", 3_000n)] },
    priceCents: 2_500n,
    basis: "cheapest competitor €30.00 − €0.01, capped at our maximum €25.00",
    competitor: 3_000n,
    position: 1,
  },
  {
    name: "a maximum below the floor: the floor wins",
    input: { strategy: follow(400n), competitors: [rival("a", 749n)] },
    priceCents: 512n,
    basis: "our maximum €4.00 is below the floor €5.12: listed at the floor",
    competitor: 749n,
    position: 1,
  },
  {
    name: "position counts the in-stock competitors strictly cheaper than us",
    input: {
      strategy: { kind: "FIXED", priceCents: 750n },
      competitors: [rival("a", 700n), rival("b", 650n), rival("c", 750n), rival("d", 900n), rival("e", 500n, false)],
      ownOfferIds: ["f"],
    },
    priceCents: 750n,
    basis: "fixed €7.50",
    competitor: 650n,
    position: 3,
  },
  {
    name: "a price above G2A's maximum is clamped to it",
    input: { strategy: { kind: "TARGET_MARGIN", marginCents: 100n }, limits: { minCents: null, maxCents: 600n } },
    priceCents: 600n,
    basis: "floor €5.12 + margin €1.00, clamped to G2A's maximum €6.00",
  },
  {
    name: "a price below G2A's minimum is raised to it",
    input: {
      strategy: { kind: "FIXED", priceCents: 100n },
      floorCents: 50n,
      limits: { minCents: 150n, maxCents: 20_000n },
    },
    priceCents: 150n,
    basis: "fixed €1.00, raised to G2A's minimum €1.50",
  },
  {
    name: "a floor equal to G2A's maximum is still listed, at the maximum",
    input: {
      strategy: { kind: "TARGET_MARGIN", marginCents: 100n },
      floorCents: 2_000n,
      limits: { minCents: null, maxCents: 2_000n },
    },
    priceCents: 2_000n,
    basis: "floor €20.00 + margin €1.00, clamped to G2A's maximum €20.00",
  },
];

function target(input: Row["input"]) {
  return targetPrice({ floorCents: 512n, competitors: [], ownOfferIds: [], limits: NO_LIMITS, ...input });
}

describe("the target price", () => {
  it.each(ROWS)("$name", ({ input, priceCents, basis, competitor, position }) => {
    const result = target(input);
    expect(result).toMatchObject({ kind: "list", priceCents, basis });
    if (result.kind !== "list") return;
    expect(result.priceCents).toBeGreaterThanOrEqual(input.floorCents ?? 512n);
    if (competitor !== undefined) expect(result.competitor?.priceCents ?? null).toBe(competitor);
    if (position !== undefined) expect(result.position).toBe(position);
  });

  it("names the competitor it followed", () => {
    const result = target({ strategy: follow(null), competitors: [rival("a", 900n), rival("b", 749n)] });
    expect(result).toMatchObject({ competitor: { priceCents: 749n, sellerName: "seller b" } });
  });

  it.each([
    { kind: "FIXED", priceCents: 5_000n },
    { kind: "TARGET_MARGIN", marginCents: 0n },
    follow(null),
  ] satisfies PricingStrategy[])("is uneconomic under $kind when the floor is above G2A's maximum", (strategy) => {
    const result = target({ strategy, floorCents: 2_100n, limits: { minCents: null, maxCents: 2_000n } });
    expect(result).toEqual({
      kind: "uneconomic",
      reason: "the floor €21.00 is above G2A's maximum price €20.00 for this product",
    });
  });
});

describe("whether a price change is worth sending", () => {
  it.each([
    { name: "no price listed yet", currentCents: null, targetCents: 700n, send: true },
    { name: "a change below the step", currentCents: 700n, targetCents: 705n, send: false },
    { name: "a fall below the step", currentCents: 700n, targetCents: 695n, send: false },
    { name: "a change equal to the step", currentCents: 700n, targetCents: 710n, send: true },
    { name: "a fall larger than the step", currentCents: 700n, targetCents: 650n, send: true },
    { name: "no change at all", currentCents: 700n, targetCents: 700n, send: false },
    { name: "a listed price at the floor, small change", currentCents: 512n, targetCents: 515n, send: false },
    { name: "a listed price below the floor, whatever the step", currentCents: 511n, targetCents: 512n, send: true },
  ])("$name: send $send", ({ currentCents, targetCents, send }) => {
    expect(priceChangeWorthSending({ currentCents, targetCents, floorCents: 512n, stepCents: 10n })).toBe(send);
  });
});
