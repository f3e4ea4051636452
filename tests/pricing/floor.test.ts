import { describe, expect, it } from "vitest";
import { unitPriceCents, type PriceTier } from "@/lib/cws";
import { priceTierSchema } from "@/lib/cws/schemas";
import { FloorNotFoundError, findFloorPrice, minimumIncomeCents, type SimulateIncome } from "@/lib/pricing";

/*
 * The fee models below are invented for these tests: they are NOT G2A's fees, which no source
 * states (g2a-import-api.md §5). They only give the search incomes of the shapes G2A's pricing
 * simulation may have: a proportional part, a fixed part, rounding to the cent, bands by price.
 */
type FeeModel = (priceCents: bigint) => bigint;

/** income = round2(price × (1 − rate) − fixed), the rate in basis points, exact in integers. */
function proportional(rateBp: bigint, fixedCents: bigint, rounding: "half-up" | "down" = "half-up"): FeeModel {
  return (price) => {
    const tenThousandths = price * (10_000n - rateBp) - fixedCents * 10_000n;
    const shifted = rounding === "half-up" ? tenThousandths + 5_000n : tenThousandths;
    return shifted >= 0n ? shifted / 10_000n : -((-shifted + 9_999n) / 10_000n);
  };
}

/** Dearer listings pay a lower rate: 15 % + €0.30 below €10, 10 % + €0.40 up to €50, 8 % + €0.50 above. */
const byPriceBand: FeeModel = (price) =>
  price < 1_000n
    ? proportional(1_500n, 30n)(price)
    : price < 5_000n
      ? proportional(1_000n, 40n)(price)
      : proportional(800n, 50n)(price);

const MODELS = {
  "10 %": proportional(1_000n, 0n),
  "no fee": proportional(0n, 0n),
  "€0.50 fixed only": proportional(0n, 50n),
  "15 % + €0.25, rounded down": proportional(1_500n, 25n, "down"),
  "8 % + €0.40, rounded half-up": proportional(800n, 40n),
  "5 % + €3.00 (a big fixed fee)": proportional(500n, 300n),
  "by price band": byPriceBand,
} satisfies Record<string, FeeModel>;
type ModelName = keyof typeof MODELS;

const tiers = (raw: Array<{ value: number; from: number; to: number | null }>): PriceTier[] =>
  raw.map((tier) => priceTierSchema.parse(tier));

// CWS price tiers, unsorted as CWS serves them. A listing sells one unit at a time, so the cost is one unit's.
const PRODUCTS = {
  "indie game (one unit dearer than ten)": tiers([
    { value: 0.41, from: 10, to: 99 },
    { value: 1.11, from: 1, to: 9 },
    { value: 0.11, from: 100, to: null },
  ]),
  "mid-price game": tiers([{ value: 6.32, from: 1, to: null }]),
  "game near the €10 band": tiers([
    { value: 7.79, from: 5, to: null },
    { value: 8.19, from: 1, to: 4 },
  ]),
  "AAA game": tiers([
    { value: 42.37, from: 1, to: 4 },
    { value: 41.9, from: 5, to: 0 },
  ]),
} satisfies Record<string, PriceTier[]>;
type ProductName = keyof typeof PRODUCTS;

function unitCost(product: ProductName): bigint {
  return unitPriceCents(PRODUCTS[product], 1)!;
}

/** A simulation that counts its calls and refuses to be asked the same price twice. */
function counting(model: FeeModel) {
  const asked: bigint[] = [];
  const simulate: SimulateIncome = async (price) => {
    if (asked.includes(price)) throw new Error(`simulated ${price} twice`);
    asked.push(price);
    return model(price);
  };
  return { simulate, asked };
}

type Row = { product: ProductName; marginCents: bigint; model: ModelName; floorCents: bigint };

const ROWS: Row[] = [
  { product: "indie game (one unit dearer than ten)", marginCents: 50n, model: "10 %", floorCents: 179n },
  { product: "indie game (one unit dearer than ten)", marginCents: 0n, model: "no fee", floorCents: 111n },
  { product: "indie game (one unit dearer than ten)", marginCents: 50n, model: "€0.50 fixed only", floorCents: 211n },
  {
    product: "indie game (one unit dearer than ten)",
    marginCents: 50n,
    model: "5 % + €3.00 (a big fixed fee)",
    floorCents: 485n,
  },
  { product: "mid-price game", marginCents: 50n, model: "10 %", floorCents: 758n },
  { product: "mid-price game", marginCents: 50n, model: "no fee", floorCents: 682n },
  { product: "mid-price game", marginCents: 50n, model: "15 % + €0.25, rounded down", floorCents: 832n },
  { product: "mid-price game", marginCents: 50n, model: "8 % + €0.40, rounded half-up", floorCents: 785n },
  { product: "mid-price game", marginCents: 100n, model: "by price band", floorCents: 896n },
  { product: "game near the €10 band", marginCents: 0n, model: "by price band", floorCents: 999n },
  { product: "game near the €10 band", marginCents: 25n, model: "by price band", floorCents: 1000n },
  { product: "game near the €10 band", marginCents: 100n, model: "15 % + €0.25, rounded down", floorCents: 1111n },
  { product: "AAA game", marginCents: 250n, model: "10 %", floorCents: 4985n },
  { product: "AAA game", marginCents: 250n, model: "5 % + €3.00 (a big fixed fee)", floorCents: 5039n },
  { product: "AAA game", marginCents: 250n, model: "by price band", floorCents: 5000n },
  { product: "AAA game", marginCents: 0n, model: "€0.50 fixed only", floorCents: 4287n },
];

describe("the floor price", () => {
  it("costs one unit at the one-unit tier, dearer than ten units", () => {
    const indie = PRODUCTS["indie game (one unit dearer than ten)"];
    expect(unitPriceCents(indie, 1)).toBe(111n);
    expect(unitPriceCents(indie, 10)).toBe(41n);
  });

  it.each(ROWS)(
    "$product, margin $marginCents, fee model $model: floor $floorCents",
    async ({ product, marginCents, model, floorCents }) => {
      const income = MODELS[model];
      const required = minimumIncomeCents(unitCost(product), marginCents);
      expect(income(floorCents)).toBeGreaterThanOrEqual(required);
      expect(income(floorCents - 1n)).toBeLessThan(required);

      const cold = counting(income);
      const found = await findFloorPrice(required, cold.simulate);
      expect(found).toEqual({ floorCents, incomeCents: income(floorCents), calls: cold.asked.length });
      expect(found.calls).toBeLessThanOrEqual(12);

      // A good hint: the income of the price the offer is listed at now, a fifth above the required income.
      const listed = (required * 6n) / 5n;
      const warm = counting(income);
      const hinted = await findFloorPrice(required, warm.simulate, {
        hint: { priceCents: listed, incomeCents: income(listed) },
      });
      expect(hinted.floorCents).toBe(floorCents);
      expect(hinted.calls).toBeLessThanOrEqual(4);
    },
  );

  it.each(Object.keys(MODELS) as ModelName[])(
    "finds the exact floor for every required income from €0.01 to €60 under the model %s",
    async (name) => {
      const income = MODELS[name];
      let smallest = 1n; // the required income only grows, so the smallest price reaching it only grows too
      for (let required = 1n; required <= 6_000n; required += 7n) {
        while (income(smallest) < required) smallest += 1n;
        const found = await findFloorPrice(required, counting(income).simulate);
        expect(found.floorCents, `required ${required}`).toBe(smallest);
        expect(found.calls).toBeLessThanOrEqual(12);
      }
    },
  );

  it("finds two floors for the same product and cost under two fee models", async () => {
    const required = minimumIncomeCents(unitCost("mid-price game"), 50n);
    const before = await findFloorPrice(required, counting(MODELS["10 %"]).simulate);
    const after = await findFloorPrice(required, counting(MODELS["8 % + €0.40, rounded half-up"]).simulate);
    expect(before.floorCents).toBe(758n);
    expect(after.floorCents).toBe(785n);
  });

  it("still finds the exact floor from a hint the fee model has since made stale", async () => {
    const required = minimumIncomeCents(unitCost("mid-price game"), 50n);
    const stale = { priceCents: 800n, incomeCents: MODELS["10 %"](800n) };
    const found = await findFloorPrice(required, counting(MODELS["15 % + €0.25, rounded down"]).simulate, {
      hint: stale,
    });
    expect(found.floorCents).toBe(832n);
    expect(found.incomeCents).toBe(682n);
  });

  it("lists at one cent when one cent already brings the required income", async () => {
    const found = await findFloorPrice(0n, counting(MODELS["no fee"]).simulate);
    expect(found).toEqual({ floorCents: 1n, incomeCents: 1n, calls: 1 });
  });

  it("refuses with FloorNotFoundError when the income never reaches the amount", async () => {
    const cappedAt500: FeeModel = (price) => {
      const income = MODELS["10 %"](price);
      return income < 500n ? income : 500n;
    };
    const search = counting(cappedAt500);
    const error = await findFloorPrice(1_000n, search.simulate).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FloorNotFoundError);
    expect(error).toMatchObject({ reason: "unreachable", requiredIncomeCents: 1_000n });
    expect((error as Error).message).toMatch(/never reaches €10\.00/);
    expect(search.asked.length).toBeLessThanOrEqual(12);
  });

  it("gives up at the given maximum price, such as G2A's price limit", async () => {
    const required = minimumIncomeCents(unitCost("AAA game"), 250n); // floor €49.85 under a 10 % fee
    const error = await findFloorPrice(required, counting(MODELS["10 %"]).simulate, { maxPriceCents: 40_00n }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: "FloorNotFoundError", reason: "unreachable" });
    expect((error as Error).message).toMatch(/listed at €40\.00 it is only €36\.00/);
  });

  it("stops with FloorNotFoundError after the allowed number of simulations", async () => {
    const search = counting(MODELS["15 % + €0.25, rounded down"]);
    const required = minimumIncomeCents(unitCost("mid-price game"), 50n);
    const error = await findFloorPrice(required, search.simulate, { maxCalls: 2 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "FloorNotFoundError", reason: "too_many_calls", calls: 2 });
    expect((error as Error).message).toMatch(/after 2 pricing simulations/);
    expect(search.asked).toHaveLength(2);
  });
});
