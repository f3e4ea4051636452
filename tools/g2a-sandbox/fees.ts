import { formatCents, roundCents, toEuros } from "./money";
import type { FeeModel, FeeRule, SandboxSettings } from "./settings";

// The pricing simulation (spec §5). G2A publishes no fee: the model here, income = price × (1 − rate) −
// fixed and buyer price = price × (1 + markup), has parameters the sandbox made up. A client must read
// the simulation's answer, never these numbers.

function incomeCents(priceCents: number, rule: FeeRule): number {
  // Never negative: a fixed fee larger than the price leaves the seller nothing, not a debt.
  return Math.max(0, roundCents(priceCents * (1 - rule.rate) - rule.fixed * 100));
}

function buyerPrices(priceCents: number, model: FeeModel): Record<string, number> {
  const prices: Record<string, number> = {};
  for (const [country, markup] of Object.entries(model.buyerMarkup))
    prices[country] = roundCents(priceCents * (1 + markup));
  return prices;
}

function mapValues(values: Record<string, number>, mode: SandboxSettings["simulationValues"]) {
  return Object.fromEntries(
    Object.entries(values).map(([key, cents]) => [key, mode === "number" ? toEuros(cents) : formatCents(cents)]),
  );
}

/** Unwrapped, with the "finalePrice" spelling G2A uses. */
export function simulate(priceCents: number, settings: SandboxSettings) {
  const model = settings.feeModel;
  const mode = settings.simulationValues;
  const finalPrices = buyerPrices(priceCents, model);
  return {
    income: mapValues({ ALL: incomeCents(priceCents, model.retail) }, mode),
    businessIncome: mapValues({ ALL: incomeCents(priceCents, model.business) }, mode),
    finalePrice: mapValues(finalPrices, mode),
    businessFinalPrice: mapValues(finalPrices, mode),
  };
}
