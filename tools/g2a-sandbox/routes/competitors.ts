import { inventoryRange, OWN_SELLER_NAME } from "../competitors";
import type { ApiRequest, SandboxContext } from "../context";
import { apiError, type Reply } from "../http-io";
import { formatCents, roundCents } from "../money";
import type { FeeModel } from "../settings";
import { offerForProduct, type CompetitorOffer, type SandboxState } from "../state";

// GET /v3/products/{productId}/offers and GET /v3/sales/products/{productId}/offers (spec §6): the path
// is disputed, so both serve the same list, and settings.competitorPaths can switch either off. The
// seller's own active offer is listed among the others under its real id, as G2A would show it.

const DEFAULT_COUNTRY = "PL";

function priceBlock(cents: number, country: string, model: FeeModel) {
  const countries = Object.keys(model.buyerMarkup).filter((key) => /^[A-Z]{2}$/.test(key));
  return {
    base: { countryCode: country, currencyCode: "EUR", value: formatCents(cents) },
    final: (countries.length > 0 ? countries : [country]).map((countryCode) => ({
      countryCode,
      currencyCode: "EUR",
      value: formatCents(roundCents(cents * (1 + (model.buyerMarkup[countryCode] ?? model.buyerMarkup.ALL ?? 0)))),
    })),
  };
}

/** The product's competitors plus the seller's own offer while it is for sale, cheapest first. */
export function listedOffers(state: SandboxState, productId: string): Array<CompetitorOffer & { business: number }> {
  const listed = (state.competitors.get(productId) ?? []).map((offer) => ({ ...offer, business: offer.priceCents }));
  const own = offerForProduct(state, productId);
  if (own && own.active && !own.hidden && !own.archived) {
    listed.push({
      id: own.id,
      priceCents: own.retailCents,
      business: own.businessCents,
      sellerName: OWN_SELLER_NAME,
      rating: 100,
      ratingsCount: 0,
      inventoryRange: inventoryRange(own.inventorySize),
    });
  }
  return listed.sort((a, b) => a.priceCents - b.priceCents);
}

export function listCompetitorOffers(sandbox: SandboxContext, request: ApiRequest): Reply {
  const { state } = sandbox;
  const productId = request.params.productId ?? "";
  if (!state.products.has(productId)) return apiError(404, "PRODUCT_NOT_FOUND", `Product ${productId} does not exist`);
  const requested = request.url.searchParams.get("countryCode")?.toUpperCase() ?? "";
  const country = /^[A-Z]{2}$/.test(requested) ? requested : DEFAULT_COUNTRY;
  const model = state.settings.feeModel;
  const offers = listedOffers(state, productId);
  return {
    status: 200,
    body: {
      data: offers.map((offer) => ({
        id: offer.id,
        price: {
          retail: priceBlock(offer.priceCents, country, model),
          business: priceBlock(offer.business, country, model),
        },
        seller: { name: offer.sellerName, rating: offer.rating, ratingsCount: offer.ratingsCount },
        inventory: { range: offer.inventoryRange },
      })),
      meta: { page: 1, itemsPerPage: offers.length, totalResults: offers.length },
    },
  };
}
