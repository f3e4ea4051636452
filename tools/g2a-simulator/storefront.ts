import type { TokenStore } from "@/lib/api-client/token-store";
import { formatEuros } from "@/lib/g2a/money";
import { createG2aApiClient, type G2aApiClient } from "@/lib/g2a-api/client";
import type { G2aOffer } from "@/lib/g2a-api/schemas";
import { createLogger } from "@/lib/logger";
import { saleProductFor } from "./products";
import type { SaleProduct } from "./sale";

// What G2A's buyers see of our offers, read through G2A's seller-side Import API as the app's own
// client reads it, and what a buyer does with it: buy an offer that is on sale, at its listed price.

export const NO_BUYABLE_OFFER = "no active offer with stock";
/** The label of a skipped sale when no product could be chosen at all. */
export const NO_OFFER_LISTED = "(no offer listed)";

export type StorefrontOptions = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** How long one read of the offers is reused (default 2 s), so that many sales make few reads. */
  refreshMs?: number;
  /** The clock of that interval (the Import API client keeps the real one). */
  now?: () => number;
};

/** The token lives as long as the run, in the token cache's memory: nothing is written anywhere. */
const RUN_ONLY_TOKEN_STORE: TokenStore = { load: async () => null, save: async () => {}, discard: async () => {} };

/** Our offers as listed by an Import API (every page), read at most once per `refreshMs`. */
export class Storefront {
  readonly url: string;
  readonly #client: G2aApiClient;
  readonly #refreshMs: number;
  readonly #now: () => number;
  #seen: { at: number; offers: G2aOffer[] } | null = null;
  #reading: Promise<G2aOffer[]> | null = null;

  constructor(options: StorefrontOptions) {
    this.url = options.baseUrl.replace(/\/+$/, "");
    this.#refreshMs = options.refreshMs ?? 2_000;
    this.#now = options.now ?? Date.now;
    this.#client = createG2aApiClient({
      baseUrl: this.url,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      tokenStore: RUN_ONLY_TOKEN_STORE,
      logger: createLogger({ level: "silent" }),
      timeoutMs: 5_000,
      maxRetries: 2,
    });
  }

  /** The offers listed now, or at most `refreshMs` ago; throws G2aApiError when they cannot be read. */
  async offers(): Promise<readonly G2aOffer[]> {
    if (this.#seen && this.#now() - this.#seen.at < this.#refreshMs) return this.#seen.offers;
    // Sales running side by side share one read.
    this.#reading ??= this.#client
      .listOffers()
      .then((offers) => {
        this.#seen = { at: this.#now(), offers };
        return offers;
      })
      .finally(() => (this.#reading = null));
    return this.#reading;
  }
}

export type SaleChoice = { kind: "buy"; product: SaleProduct } | { kind: "skip"; product: string; reason: string };

type BuyableOffer = G2aOffer & { priceCents: bigint };

/** On sale for `quantity` units: active, with that much stock, at a listed price. */
function isBuyable(offer: G2aOffer, quantity: number): offer is BuyableOffer {
  return offer.active && offer.inventorySize >= quantity && offer.priceCents !== null;
}

/**
 * What G2A's buyer does for the `index`th sale. The products are taken in turn: the selection, or
 * (null) every product with a listed offer. The product is bought when its offer is buyable, with the
 * offer's listed price as the unit price; otherwise the sale is skipped.
 */
export function chooseSale(
  offers: readonly G2aOffer[],
  selection: readonly SaleProduct[] | null,
  index: number,
  quantity: number,
): SaleChoice {
  const products =
    selection ?? [...new Set(offers.map((offer) => offer.productId))].map((id) => saleProductFor(id, quantity));
  if (products.length === 0) return { kind: "skip", product: NO_OFFER_LISTED, reason: NO_BUYABLE_OFFER };
  const product = products[index % products.length]!;
  const offer = offers.find(
    (candidate): candidate is BuyableOffer =>
      candidate.productId === product.g2aProductId && isBuyable(candidate, product.quantity),
  );
  if (!offer) return { kind: "skip", product: product.label, reason: NO_BUYABLE_OFFER };
  return { kind: "buy", product: { ...product, unitPrice: formatEuros(offer.priceCents) } };
}
