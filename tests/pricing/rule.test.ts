import { describe, expect, it } from "vitest";
import { coversCost, minimumIncomeCents, purchaseCeilingCents } from "@/lib/pricing";

// cost, margin and income in cents; `covers` is what the product must decide.
const CASES = [
  { cost: 500n, margin: 100n, income: 600n, covers: true, ceiling: 500n },
  { cost: 500n, margin: 100n, income: 599n, covers: false, ceiling: 499n },
  { cost: 500n, margin: 100n, income: 1_000n, covers: true, ceiling: 900n },
  { cost: 632n, margin: 50n, income: 682n, covers: true, ceiling: 632n },
  { cost: 632n, margin: 50n, income: 681n, covers: false, ceiling: 631n },
  { cost: 111n, margin: 0n, income: 111n, covers: true, ceiling: 111n },
  { cost: 111n, margin: 0n, income: 110n, covers: false, ceiling: 110n },
  { cost: 4_237n, margin: 250n, income: 4_487n, covers: true, ceiling: 4_237n },
  { cost: 4_237n, margin: 250n, income: 3_000n, covers: false, ceiling: 2_750n },
  { cost: 0n, margin: 100n, income: 99n, covers: false, ceiling: -1n },
];

describe("the cost-plus-margin rule", () => {
  it.each(CASES)(
    "cost $cost + margin $margin against income $income: covered $covers, most we may pay $ceiling",
    ({ cost, margin, income, covers, ceiling }) => {
      expect(coversCost(income, cost, margin)).toBe(covers);
      expect(purchaseCeilingCents(income, margin)).toBe(ceiling);
      expect(income >= minimumIncomeCents(cost, margin)).toBe(covers);
      // One rule: covering the cost is the same as the cost being within the purchase ceiling.
      expect(cost <= purchaseCeilingCents(income, margin)).toBe(covers);
    },
  );

  it.each(CASES)("pays at most the cost when the income is just the minimum ($cost + $margin)", ({ cost, margin }) => {
    const minimum = minimumIncomeCents(cost, margin);
    expect(minimum).toBe(cost + margin);
    expect(purchaseCeilingCents(minimum, margin)).toBe(cost);
    expect(coversCost(minimum, cost, margin)).toBe(true);
    expect(coversCost(minimum - 1n, cost, margin)).toBe(false);
  });
});
