import type { ApiRequest, SandboxContext } from "../context";
import { parseDateTimeParam } from "../dates";
import { apiError, readApiJson, validationError, type FieldError, type Reply } from "../http-io";
import { createJob } from "../jobs";
import { applyPatch, buildOffer, hasPendingCreate } from "../offers";
import {
  changesPrice,
  checkPriceChangeCap,
  patchedPrices,
  priceLimitFailure,
  recordPriceChange,
  type PriceLimitFailure,
} from "../price-rules";
import { findVisibleOffer, offerForProduct, type JobWork, type SandboxOffer, type SandboxState } from "../state";
import { readCreateBody, readUpdateBody } from "../variant";
import { offerView } from "../views";

// /v3/sales/offers (spec §3). Writes answer 202 with a job whose completion carries the change out
// (spec §4); PATCH can answer 204 instead (settings.updateMode "spec").

export const MAX_ITEMS_PER_PAGE = 100;
const DEFAULT_ITEMS_PER_PAGE = 20;

const offerNotFound = (): Reply => apiError(404, "OFFER_NOT_FOUND", "Offer not found");

function accepted(state: SandboxState, work: JobWork, now: number): Reply {
  return { status: 202, body: { data: { jobId: createJob(state, work, now).jobId } } };
}

function limitError(failure: PriceLimitFailure): Reply {
  return validationError([failure]);
}

/**
 * 409 as G2A documents it. The body's form is unknown (spec §3.2); the existing offer's id is given in
 * `data.offerId` only when the seller can see that offer, so that a hidden one can only be met here.
 */
function conflict(existing: SandboxOffer | undefined): Reply {
  const body = { status: "ERROR", code: "OFFER_EXISTS", message: "Offer for this product already exists" };
  if (!existing || existing.hidden) return { status: 409, body };
  return { status: 409, body: { ...body, data: { offerId: existing.id } } };
}

export async function postOffer(sandbox: SandboxContext, request: ApiRequest): Promise<Reply> {
  const json = await readApiJson(request.readBody);
  if (!json.ok) return json.reply;
  const check = readCreateBody(json.value);
  if (!check.ok) return validationError(check.errors);
  const variant = check.value;
  const { state } = sandbox;
  const now = Date.now();

  const product = state.products.get(variant.productId);
  if (!product) {
    const failure = { code: "PRODUCT_NOT_FOUND", message: `Product ${variant.productId} does not exist` };
    if (state.settings.unknownProductMode === "sync")
      return validationError([{ field: "variants[0].productId", ...failure }]);
    return accepted(state, { kind: "refused", resourceId: null, failure }, now);
  }
  const existing = offerForProduct(state, variant.productId);
  if (existing || hasPendingCreate(state, variant.productId)) return conflict(existing);

  const limit = priceLimitFailure(product, [
    { field: "variants[0].price.retail", cents: variant.retailCents },
    { field: "variants[0].price.business", cents: variant.businessCents },
  ]);
  if (limit) {
    if (state.settings.priceLimitMode === "sync") return limitError(limit);
    return accepted(state, { kind: "refused", resourceId: null, failure: limit }, now);
  }
  return accepted(state, { kind: "create", offer: buildOffer(state, variant, now) }, now);
}

function fieldError(field: string, message: string): FieldError {
  return { field, code: "INVALID_VALUE", message };
}

function positiveInteger(raw: string | null, fallback: number): number | null {
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null;
}

/** GET /v3/sales/offers?page&itemsPerPage&active&type[]&updatedAtFrom: hidden offers are never listed. */
export function listOffers(sandbox: SandboxContext, request: ApiRequest): Reply {
  const params = request.url.searchParams;
  const errors: FieldError[] = [];
  const page = positiveInteger(params.get("page"), 1);
  if (page === null) errors.push(fieldError("page", "page must be an integer from 1"));
  const itemsPerPage = positiveInteger(params.get("itemsPerPage"), DEFAULT_ITEMS_PER_PAGE);
  if (itemsPerPage === null || itemsPerPage > MAX_ITEMS_PER_PAGE)
    errors.push(fieldError("itemsPerPage", `itemsPerPage must be an integer from 1 to ${MAX_ITEMS_PER_PAGE}`));
  const activeParam = params.get("active");
  if (activeParam !== null && !["true", "false", "1", "0"].includes(activeParam))
    errors.push(fieldError("active", "active must be true or false"));
  const updatedAtFrom = params.get("updatedAtFrom");
  const since = updatedAtFrom === null ? null : parseDateTimeParam(updatedAtFrom);
  if (updatedAtFrom !== null && since === null)
    errors.push(fieldError("updatedAtFrom", 'updatedAtFrom must be a date-time such as "2025-01-31 12:00:00"'));
  if (errors.length > 0 || page === null || itemsPerPage === null) return validationError(errors);

  // Both `type[]=a&type[]=b` (what axios and the bridge send) and a plain `type=a`.
  const types = [...params.getAll("type[]"), ...params.getAll("type")];
  const active = activeParam === null ? null : activeParam === "true" || activeParam === "1";
  const { state } = sandbox;
  const matching = state.offers.filter(
    (offer) =>
      !offer.hidden &&
      (active === null || offer.active === active) &&
      (types.length === 0 || types.includes(offer.type)) &&
      (since === null || offer.updatedAt >= since),
  );
  const start = (page - 1) * itemsPerPage;
  return {
    status: 200,
    body: {
      data: matching.slice(start, start + itemsPerPage).map((offer) => offerView(state, offer, state.settings)),
      meta: { page, itemsPerPage, totalResults: matching.length },
    },
  };
}

export function getOffer(sandbox: SandboxContext, request: ApiRequest): Reply {
  const { state } = sandbox;
  const offer = findVisibleOffer(state, request.params.offerId ?? "");
  if (!offer) return offerNotFound();
  return { status: 200, body: { data: offerView(state, offer, state.settings) } };
}

/**
 * PATCH /v3/sales/offers/{offerId}. Every check is made now; a change refused by a rule that G2A would
 * report in the job (price limit, price-change cap) becomes a job with a failed element, or a
 * synchronous 400/429 when its switch says so or when there is no job to carry it (updateMode "spec").
 */
export async function patchOffer(sandbox: SandboxContext, request: ApiRequest): Promise<Reply> {
  const { state } = sandbox;
  const offer = findVisibleOffer(state, request.params.offerId ?? "");
  if (!offer) return offerNotFound();
  const json = await readApiJson(request.readBody);
  if (!json.ok) return json.reply;
  const check = readUpdateBody(json.value);
  if (!check.ok) return validationError(check.errors);
  const { offerType, patch } = check.value;
  if (offerType !== offer.type) {
    const message = `offerType must be the offer's type, "${offer.type}"`;
    return validationError([{ field: "offerType", code: "OFFER_TYPE_MISMATCH", message }]);
  }
  const settings = state.settings;
  const spec = settings.updateMode === "spec";
  const now = Date.now();

  const product = state.products.get(offer.productId);
  const limit = product ? priceLimitFailure(product, patchedPrices(patch)) : null;
  if (limit) {
    if (spec || settings.priceLimitMode === "sync") return limitError(limit);
    return accepted(state, { kind: "refused", resourceId: offer.id, failure: limit }, now);
  }
  if (changesPrice(offer, patch)) {
    const cap = checkPriceChangeCap(state, offer.productId, now);
    if (!cap.allowed) {
      if (spec || settings.priceChangeCapMode === "429") {
        const headers = { "Retry-After": String(cap.retryAfterSeconds) };
        return apiError(429, cap.failure.code, cap.failure.message, headers);
      }
      return accepted(state, { kind: "refused", resourceId: offer.id, failure: cap.failure }, now);
    }
    recordPriceChange(state, offer.productId, now);
  }
  if (!spec) return accepted(state, { kind: "update", offerId: offer.id, patch }, now);
  applyPatch(offer, patch, now);
  return { status: 204 };
}

/** DELETE /v3/sales/offers/{offerId}: at once, with 204 as G2A documents; optionally only once archived. */
export function deleteOffer(sandbox: SandboxContext, request: ApiRequest): Reply {
  const { state } = sandbox;
  const offer = findVisibleOffer(state, request.params.offerId ?? "");
  if (!offer) return offerNotFound();
  if (state.settings.requireArchiveBeforeDelete && !offer.archived)
    return apiError(400, "OFFER_NOT_ARCHIVED", "Archive the offer (variant.archive: true) before deleting it");
  state.offers = state.offers.filter((candidate) => candidate !== offer);
  return { status: 204 };
}
