import { createHash } from "node:crypto";
import type { G2aSandboxProduct } from "./catalogue";
import { eurosToCents, roundCents } from "./money";
import type { CompetitorOffer } from "./state";

// Other sellers' offers for a product (spec §6). Each catalogue product starts with a few, made up but
// the same on every run, priced a little above twice the product's minimum price.

const SELLERS = ["KeyVault", "PixelMerchant", "GameDropHub", "NordicKeys", "ArcadeOutlet", "LootHarbor"];
const PRICE_FACTORS = [2, 2.15, 2.4];
const DEFAULT_RANGES = ["11-100", "1-10", "101-1000"];

/** The name under which the seller's own offer is listed among the others. */
export const OWN_SELLER_NAME = "Your sandbox shop";

/**
 * G2A shows stock as a bucket whose values are not published (LootCodes only relies on "0" meaning out of
 * stock); these buckets are the sandbox's own.
 */
export function inventoryRange(size: number): string {
  if (size <= 0) return "0";
  if (size <= 10) return "1-10";
  if (size <= 100) return "11-100";
  if (size <= 1000) return "101-1000";
  return "1000+";
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** A UUID-shaped id that depends only on the text, so that seeded offers keep their ids across resets. */
export function stableId(text: string): string {
  const hex = digest(text).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function seedCompetitors(product: G2aSandboxProduct): CompetitorOffer[] {
  const bytes = digest(`competitors ${product.id}`);
  const minCents = Math.max(eurosToCents(product.priceLimit.min), 50);
  const maxCents = eurosToCents(product.priceLimit.max);
  const firstSeller = (bytes[0] ?? 0) % SELLERS.length;
  return PRICE_FACTORS.map((factor, index) => ({
    id: stableId(`competitor ${product.id} ${index}`),
    priceCents: Math.min(maxCents, roundCents(minCents * factor)),
    sellerName: SELLERS[(firstSeller + index) % SELLERS.length] ?? "KeyVault",
    rating: 90 + ((bytes[index + 3] ?? 0) % 10),
    ratingsCount: 200 + (((bytes[index + 6] ?? 0) * 97) % 20_000),
    inventoryRange: DEFAULT_RANGES[index] ?? "11-100",
  }));
}
