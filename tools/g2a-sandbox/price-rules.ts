import type { G2aSandboxProduct } from "./catalogue";
import { eurosToCents, formatCents } from "./money";
import type { JobFailure, OfferPatch, SandboxOffer, SandboxState } from "./state";

// The two limits G2A is said to put on prices: a per-product range (spec §3.5, seen only in LootCodes)
// and a cap on price changes per product per hour (spec §7.3, from one peer citing a changelog).

const HOUR_MS = 3_600_000;

export interface PricedField {
  /** Where the price was in the request, such as "variant.price.retail". */
  field: string;
  cents: number;
}

export type PriceLimitFailure = JobFailure & { field: string };

/** The first of the given prices outside the product's priceLimit; null if none. */
export function priceLimitFailure(
  product: G2aSandboxProduct,
  prices: readonly PricedField[],
): PriceLimitFailure | null {
  const min = eurosToCents(product.priceLimit.min);
  const max = eurosToCents(product.priceLimit.max);
  for (const { field, cents } of prices) {
    if (cents < min) {
      const message = `Price ${formatCents(cents)} is below the minimum ${formatCents(min)}`;
      return { field, code: "PRICE_BELOW_MIN", message };
    }
    if (cents > max) {
      const message = `Price ${formatCents(cents)} is above the maximum ${formatCents(max)}`;
      return { field, code: "PRICE_ABOVE_MAX", message };
    }
  }
  return null;
}

/** The prices a patch sets, for the price limit check. */
export function patchedPrices(patch: OfferPatch): PricedField[] {
  const prices: PricedField[] = [];
  if (patch.retailCents !== undefined) prices.push({ field: "variant.price.retail", cents: patch.retailCents });
  if (patch.businessCents !== undefined) prices.push({ field: "variant.price.business", cents: patch.businessCents });
  return prices;
}

/** A patch counts as a price change when it sets a price different from the offer's current one. */
export function changesPrice(offer: SandboxOffer, patch: OfferPatch): boolean {
  return (
    (patch.retailCents !== undefined && patch.retailCents !== offer.retailCents) ||
    (patch.businessCents !== undefined && patch.businessCents !== offer.businessCents)
  );
}

/** The accepted price changes of the last hour; older ones are forgotten on the way. */
function recentChanges(state: SandboxState, productId: string, now: number): number[] {
  const recent = (state.priceChanges.get(productId) ?? []).filter((at) => at > now - HOUR_MS);
  if (recent.length > 0) state.priceChanges.set(productId, recent);
  else state.priceChanges.delete(productId);
  return recent;
}

export function priceChangeCounts(state: SandboxState, now: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const productId of [...state.priceChanges.keys()]) {
    const count = recentChanges(state, productId, now).length;
    if (count > 0) counts[productId] = count;
  }
  return counts;
}

export type CapDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; failure: JobFailure };

/** Whether one more price change fits in the product's rolling hour. */
export function checkPriceChangeCap(state: SandboxState, productId: string, now: number): CapDecision {
  const cap = state.settings.priceChangeCapPerHour;
  if (cap === null) return { allowed: true };
  const recent = recentChanges(state, productId, now);
  if (recent.length < cap) return { allowed: true };
  const oldest = recent[recent.length - cap] ?? now;
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((oldest + HOUR_MS - now) / 1000)),
    failure: {
      code: "PRICE_CHANGE_LIMIT",
      message: `The price of this product was already changed ${recent.length} times in the last hour (limit ${cap})`,
    },
  };
}

export function recordPriceChange(state: SandboxState, productId: string, now: number): void {
  const changes = state.priceChanges.get(productId) ?? [];
  changes.push(now);
  state.priceChanges.set(productId, changes);
}
