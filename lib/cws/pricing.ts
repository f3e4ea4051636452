import type { PriceTier } from "./schemas";

/** CWS amounts are JSON numbers with at most 2 decimals; we work in integer cents at once (§2.3). */
export function toCents(amount: number): bigint {
  return BigInt(Math.round(amount * 100));
}

/** Cents back to the JSON number CWS expects, e.g. 419n -> 4.19. */
export function toAmount(cents: bigint): number {
  return Number(cents) / 100;
}

function bandContains(tier: PriceTier, quantity: number): boolean {
  const open = tier.to === null || tier.to === 0;
  return tier.from <= quantity && (open || quantity <= (tier.to ?? 0));
}

/**
 * The unit price in cents for `quantity` (§7): among the bands that contain it, the one with the
 * largest `from`, and on a tie the lowest value. Null when no band contains the quantity.
 * Tiers arrive unsorted and are never read by position.
 */
export function unitPriceCents(tiers: readonly PriceTier[], quantity: number): bigint | null {
  let best: PriceTier | undefined;
  for (const tier of tiers) {
    if (!bandContains(tier, quantity)) continue;
    if (!best || tier.from > best.from || (tier.from === best.from && tier.valueCents < best.valueCents)) best = tier;
  }
  return best ? best.valueCents : null;
}

/** The list price shown to operators: the band that contains a quantity of one. */
export function listPriceCents(tiers: readonly PriceTier[]): bigint | null {
  return unitPriceCents(tiers, 1);
}
