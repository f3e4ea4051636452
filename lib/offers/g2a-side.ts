import type { G2aOffer, G2aOfferChanges } from "@/lib/g2a-api";
import { formatEuros } from "@/lib/g2a/money";
import type { OfferState } from "./store";

// G2A's side of an offer on the state: read from G2A, or applied once G2A accepted a change.

/** Takes what G2A says of the offer; a price that changed loses its known income. */
export function applyListedOffer(state: OfferState, offer: G2aOffer): void {
  if (offer.priceCents !== state.priceCents) state.incomeCents = null;
  state.offerId = offer.id;
  state.active = offer.active;
  state.status = offer.status ?? (offer.active ? "active" : "inactive");
  state.priceCents = offer.priceCents;
  state.inventorySize = offer.inventorySize;
  if (offer.priceLimit) {
    state.priceMinCents = offer.priceLimit.minCents;
    state.priceMaxCents = offer.priceLimit.maxCents;
  }
}

/** Forgets G2A's side (the mapping now names another offer, or none). */
export function forgetG2aSide(state: OfferState, offerId: string | null): void {
  state.offerId = offerId;
  state.active = null;
  state.status = null;
  state.priceCents = null;
  state.inventorySize = null;
  state.priceMinCents = null;
  state.priceMaxCents = null;
  state.incomeCents = null;
  state.pendingJobId = null;
  state.pendingJobKind = null;
  state.pendingJobAt = null;
  state.pendingChange = null;
}

/** A change as sent, kept with its job until G2A finishes it (cents as strings). */
export type StoredChange = { priceCents?: string; inventorySize?: number; active?: boolean; incomeCents?: string };

export function storeChange(changes: G2aOfferChanges, incomeCents: bigint | null): string {
  const stored: StoredChange = {
    ...(changes.priceCents !== undefined ? { priceCents: changes.priceCents.toString() } : {}),
    ...(changes.inventorySize !== undefined ? { inventorySize: changes.inventorySize } : {}),
    ...(changes.active !== undefined ? { active: changes.active } : {}),
    ...(incomeCents !== null && changes.priceCents !== undefined ? { incomeCents: incomeCents.toString() } : {}),
  };
  return JSON.stringify(stored);
}

/** Applies a change G2A accepted (answered 204, or its job completed). */
export function applyChange(state: OfferState, change: StoredChange): void {
  if (change.priceCents !== undefined) {
    state.priceCents = BigInt(change.priceCents);
    state.incomeCents = change.incomeCents !== undefined ? BigInt(change.incomeCents) : null;
  }
  if (change.inventorySize !== undefined) state.inventorySize = change.inventorySize;
  if (change.active !== undefined) {
    state.active = change.active;
    state.status = change.active ? "active" : "inactive";
  }
}

export function parseChange(text: string | null): StoredChange {
  try {
    return text ? (JSON.parse(text) as StoredChange) : {};
  } catch {
    return {};
  }
}

/** A change in words: "price €5.98 → €6.49, stock 3 → 7, activated". */
export function describeChange(state: OfferState, change: StoredChange): string {
  const parts: string[] = [];
  const euros = (cents: bigint | null) => (cents === null ? "none" : `€${formatEuros(cents)}`);
  if (change.priceCents !== undefined)
    parts.push(`price ${euros(state.priceCents)} → ${euros(BigInt(change.priceCents))}`);
  if (change.inventorySize !== undefined)
    parts.push(`stock ${state.inventorySize ?? "unknown"} → ${change.inventorySize}`);
  if (change.active !== undefined && change.active !== state.active)
    parts.push(change.active ? "activated" : "deactivated");
  return parts.join(", ") || "no change";
}
