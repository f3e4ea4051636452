import { toIso } from "../sandbox-kit/dates";
import type { G2aSandboxProduct } from "./catalogue";
import { jobStatus } from "./jobs";
import { formatCents, toEuros } from "./money";
import type { SandboxSettings } from "./settings";
import type { SandboxJob, SandboxOffer, SandboxState } from "./state";

// The JSON the API answers with. The offer follows the example of spec §3.4; the switches
// offerPriceShape, offerPriceValues and productIdType produce the other readings peers disagree on.

type ValueMode = SandboxSettings["offerPriceValues"];

function money(cents: number, mode: ValueMode): string | number {
  return mode === "number" ? toEuros(cents) : formatCents(cents);
}

function nestedPrice(cents: number, mode: ValueMode) {
  return { base: { value: money(cents, mode), currencyCode: "EUR" } };
}

export type OfferViewOptions = Pick<SandboxSettings, "offerPriceShape" | "offerPriceValues" | "productIdType">;

export const FLAT_OFFER_VIEW: OfferViewOptions = {
  offerPriceShape: "flat",
  offerPriceValues: "string",
  productIdType: "string",
};

function productOf(state: SandboxState, offer: SandboxOffer): G2aSandboxProduct {
  // Products are never removed while offers exist, except by a reset, which removes the offers too.
  return state.products.get(offer.productId) ?? { id: offer.productId, name: "", priceLimit: { min: 0, max: 0 } };
}

export function offerView(state: SandboxState, offer: SandboxOffer, options: OfferViewOptions) {
  const product = productOf(state, offer);
  const values = options.offerPriceValues;
  const prices =
    options.offerPriceShape === "nested"
      ? {
          price: {
            retail: nestedPrice(offer.retailCents, values),
            business: nestedPrice(offer.businessCents, values),
          },
        }
      : { price: money(offer.retailCents, values), businessPrice: money(offer.businessCents, values) };
  return {
    id: offer.id,
    type: offer.type,
    status: offer.active ? "active" : "inactive",
    active: offer.active,
    product: { id: options.productIdType === "number" ? Number(product.id) : product.id, name: product.name },
    ...prices,
    visibility: offer.visibility,
    inventory: { size: offer.inventorySize, sold: offer.sold },
    priceLimit: { min: product.priceLimit.min, max: product.priceLimit.max },
    updatedAt: toIso(offer.updatedAt),
  };
}

/** The control API's view: the default API shape, plus what only the sandbox knows. */
export function offerStateView(state: SandboxState, offer: SandboxOffer) {
  return {
    ...offerView(state, offer, FLAT_OFFER_VIEW),
    hidden: offer.hidden,
    archived: offer.archived,
    auctionId: offer.auctionId,
    createdAt: toIso(offer.createdAt),
  };
}

export function jobView(job: SandboxJob, settings: SandboxSettings) {
  const status = jobStatus(job, settings);
  return {
    jobId: job.jobId,
    status,
    // While pending, no element is shown: a client must wait for completion to learn the offer id.
    elements: job.elements.map((element) => ({
      resourceId: element.resourceId,
      resourceType: element.resourceType,
      status,
      code: element.code,
      message: element.message,
    })),
  };
}

export function jobStateView(job: SandboxJob, settings: SandboxSettings) {
  const { jobId, status, elements } = jobView(job, settings);
  return {
    jobId,
    status,
    polls: job.polls,
    elements,
    kind: job.work.kind,
    outcome: job.rule.kind === "never" ? "never" : job.lost ? "lost" : job.forcedFailure ? "fail" : "normal",
    createdAt: toIso(job.createdAt),
    completedAt: job.completedAt === null ? null : toIso(job.completedAt),
  };
}
