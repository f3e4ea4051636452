import { formatEuros } from "@/lib/g2a/money";
import { G2aApiError, G2aPriceOutOfLimitsError } from "./errors";
import type { G2aPriceLimit } from "./schemas";

// The bodies of create and update (g2a-import-api.md §3.2, §3.8) and the checks made before sending them.

/** Declared stock is clamped to 0…9 999 (§3.6: G2A's bound is unknown; peers cap at 9 999 or 10 000). */
export const MAX_DECLARED_STOCK = 9_999;

export const VISIBILITIES = ["all", "retail", "business"] as const;
export type G2aVisibility = (typeof VISIBILITIES)[number];

export type G2aNewOffer = {
  productId: string;
  priceCents: bigint;
  /** Defaults to the retail price, as for visibility "all". */
  businessPriceCents?: bigint;
  inventorySize: number;
  /** The product's limits when the caller knows them (e.g. from G2A's catalogue); checked before sending. */
  priceLimit?: G2aPriceLimit | null;
};

export type G2aOfferChanges = {
  priceCents?: bigint;
  businessPriceCents?: bigint;
  inventorySize?: number;
  /** Omitted: a positive `inventorySize` sends `active: true`, since G2A never re-activates by itself (§3.8). */
  active?: boolean;
  visibility?: G2aVisibility;
  /** The offer's type; defaults to the one last seen for the offer, else "dropshipping". */
  offerType?: string;
  priceLimit?: G2aPriceLimit | null;
};

/** "5.98": two decimals, as every peer sends (§2). */
export const toG2aPrice = formatEuros;

/** Refuses, before sending, a price that is not positive or lies outside known limits (§3.5). */
export function checkPrice(priceCents: bigint, limit: G2aPriceLimit | null | undefined): void {
  const bounds = { priceCents, minCents: limit?.minCents ?? null, maxCents: limit?.maxCents ?? null };
  if (priceCents <= 0n) {
    throw new G2aPriceOutOfLimitsError(`price ${formatEuros(priceCents)} EUR must be positive`, bounds);
  }
  if (!limit) return;
  if (priceCents < limit.minCents) {
    throw new G2aPriceOutOfLimitsError(
      `price ${formatEuros(priceCents)} EUR is below the product's minimum of ${formatEuros(limit.minCents)} EUR`,
      bounds,
    );
  }
  if (priceCents > limit.maxCents) {
    throw new G2aPriceOutOfLimitsError(
      `price ${formatEuros(priceCents)} EUR is above the product's maximum of ${formatEuros(limit.maxCents)} EUR`,
      bounds,
    );
  }
}

export function declaredStock(size: number): number {
  if (!Number.isInteger(size) || size < 0) {
    throw new G2aApiError("invalid_request", `inventory size must be a whole number ≥ 0, not ${size}`);
  }
  return Math.min(size, MAX_DECLARED_STOCK);
}

function prices(retail: bigint | undefined, business: bigint | undefined) {
  return {
    ...(retail === undefined ? {} : { retail: toG2aPrice(retail) }),
    ...(business === undefined ? {} : { business: toG2aPrice(business) }),
  };
}

/** POST /v3/sales/offers: a dropshipping offer with one variant, active, visible to all. */
export function createOfferBody(offer: G2aNewOffer) {
  return {
    offerType: "dropshipping",
    variants: [
      {
        productId: offer.productId,
        price: prices(offer.priceCents, offer.businessPriceCents ?? offer.priceCents),
        active: true,
        inventory: { size: declaredStock(offer.inventorySize) },
        visibility: "all",
      },
    ],
  };
}

/** PATCH /v3/sales/offers/{offerId}: only the fields given, and `active: true` with a positive stock. */
export function updateOfferBody(changes: G2aOfferChanges, offerType: string) {
  const size = changes.inventorySize === undefined ? undefined : declaredStock(changes.inventorySize);
  const active = changes.active ?? (size !== undefined && size > 0 ? true : undefined);
  if (active === true && size === 0) {
    throw new G2aApiError("invalid_request", "an offer cannot be activated with an inventory size of 0");
  }
  const retail = changes.priceCents;
  const business = changes.businessPriceCents ?? retail;
  const variant = {
    ...(retail === undefined && business === undefined ? {} : { price: prices(retail, business) }),
    ...(size === undefined ? {} : { inventory: { size } }),
    ...(active === undefined ? {} : { active }),
    ...(changes.visibility === undefined ? {} : { visibility: changes.visibility }),
  };
  if (Object.keys(variant).length === 0) {
    throw new G2aApiError("invalid_request", "an offer update must change at least one field");
  }
  return { offerType, variant };
}
