import { describe, expect, it } from "vitest";
import { listPriceCents, toAmount, toCents, unitPriceCents } from "@/lib/cws";
import { priceTierSchema } from "@/lib/cws/schemas";

const tiers = (raw: Array<{ value: number; from: number; to: number | null }>) =>
  raw.map((tier) => priceTierSchema.parse(tier));

// TWTCO as CWS serves it: unsorted, the top band open with `to: null`.
const TWTCO = tiers([
  { value: 1.11, from: 1, to: 9 },
  { value: 0.11, from: 100, to: null },
  { value: 0.41, from: 10, to: 99 },
]);
// TPWHP: the top band open with `to: 0`.
const TPWHP = tiers([
  { value: 1038999996.88, from: 100, to: 0 },
  { value: 1038999997.92, from: 10, to: 99 },
  { value: 1038999998.96, from: 1, to: 9 },
]);

describe("price tiers", () => {
  it.each([
    [1, 111n],
    [9, 111n],
    [10, 41n],
    [99, 41n],
    [100, 11n],
    [1000, 11n],
  ])("prices %i units of TWTCO at %i cents each, whatever the order of the bands", (quantity, cents) => {
    expect(unitPriceCents(TWTCO, quantity)).toBe(cents);
    expect(unitPriceCents([...TWTCO].reverse(), quantity)).toBe(cents);
  });

  it("treats `to: 0` as an open band", () => {
    expect(unitPriceCents(TPWHP, 150)).toBe(103899999688n);
    expect(unitPriceCents(TPWHP, 1)).toBe(103899999896n);
  });

  it("has no price for a quantity no band contains", () => {
    const gap = tiers([
      { value: 2.35, from: 1, to: 9 },
      { value: 2.1, from: 20, to: null },
    ]);
    expect(unitPriceCents(gap, 15)).toBeNull();
    expect(unitPriceCents(gap, 0)).toBeNull();
  });

  it("takes the band with the largest `from` where bands overlap, then the lowest value", () => {
    const overlapping = tiers([
      { value: 5, from: 1, to: null },
      { value: 4, from: 10, to: null },
      { value: 4.5, from: 10, to: 50 },
    ]);
    expect(unitPriceCents(overlapping, 20)).toBe(400n);
    expect(unitPriceCents(overlapping, 5)).toBe(500n);
  });

  it("shows the band of one unit as the list price", () => {
    expect(listPriceCents(TWTCO)).toBe(111n);
  });

  it("converts amounts to cents without float drift and back for the wire", () => {
    expect(toCents(4.19)).toBe(419n);
    expect(toCents(1038999998.96)).toBe(103899999896n);
    expect(toCents(0.1 + 0.2)).toBe(30n);
    expect(toAmount(419n)).toBe(4.19);
    expect(JSON.stringify({ price: toAmount(1249n) })).toBe('{"price":12.49}');
  });
});
