import type { PriceTier } from "./catalogue";

/**
 * The band that prices quantity `q` (spec §7): the bands containing q, where a `to` of null or 0 is open;
 * among overlapping bands the largest `from` wins, then the lowest value. Undefined when no band fits.
 */
export function findTier(prices: readonly PriceTier[], quantity: number): PriceTier | undefined {
  let best: PriceTier | undefined;
  for (const tier of prices) {
    const open = tier.to === null || tier.to === 0;
    if (tier.from > quantity || (!open && quantity > (tier.to ?? 0))) continue;
    if (!best || tier.from > best.from || (tier.from === best.from && tier.valueCents < best.valueCents)) best = tier;
  }
  return best;
}
