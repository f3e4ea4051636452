import { randomUUID } from "node:crypto";
import { controlError } from "../../sandbox-kit/http-io";
import type { SandboxContext, SandboxRequest } from "../context";
import { parseDateTimeParam } from "../dates";
import { DEFAULT_JOB_FAILURE } from "../jobs";
import type { Reply } from "../http-io";
import { readPrice } from "../money";
import { DEFAULT_DEACTIVATION_MESSAGE, pushDeactivation, type NotificationOutcome } from "../notifications";
import { mergeSettings } from "../settings";
import {
  findOffer,
  NEXT_JOB_OUTCOMES,
  OFFER_TYPES,
  offerForProduct,
  takeAuctionId,
  VISIBILITIES,
  type SandboxOffer,
} from "../state";
import { MAX_INVENTORY_SIZE } from "../variant";
import { offerStateView } from "../views";
import { readControlObject, refuseUnknownKeys } from "./control-body";

const SEED_FIELDS = [
  "productId",
  "price",
  "businessPrice",
  "inventorySize",
  "active",
  "hidden",
  "type",
  "visibility",
  "archived",
  "updatedAt",
];

/**
 * POST /__sim/offers: an offer that exists at once, without a job, e.g. a hidden one so that a create
 * answers 409 while the list shows nothing.
 */
export async function postSeedOffer(sandbox: SandboxContext, request: SandboxRequest): Promise<Reply> {
  const body = await readControlObject(request);
  if (!body.ok) return body.reply;
  const unknown = refuseUnknownKeys(body.value, SEED_FIELDS);
  if (unknown) return unknown.reply;
  const { productId, price, businessPrice, inventorySize, active, hidden, type, visibility, archived, updatedAt } =
    body.value;
  const { state } = sandbox;
  if (typeof productId !== "string" || !state.products.has(productId))
    return controlError(404, `No product ${String(productId)}`);
  if (offerForProduct(state, productId)) return controlError(409, `Product ${productId} already has an offer`);
  const retail = readPrice(price);
  const business = businessPrice === undefined ? retail : readPrice(businessPrice);
  if (!retail.ok || !business.ok) return controlError(400, 'price and businessPrice must be amounts such as "5.98"');
  if (
    typeof inventorySize !== "number" ||
    !Number.isInteger(inventorySize) ||
    inventorySize < 0 ||
    inventorySize > MAX_INVENTORY_SIZE
  )
    return controlError(400, `inventorySize must be an integer from 0 to ${MAX_INVENTORY_SIZE}`);
  if (typeof active !== "boolean") return controlError(400, "active must be true or false");
  for (const [name, value] of [
    ["hidden", hidden],
    ["archived", archived],
  ] as const)
    if (value !== undefined && typeof value !== "boolean") return controlError(400, `${name} must be true or false`);
  const offerType = OFFER_TYPES.find((candidate) => candidate === (type ?? "dropshipping"));
  if (!offerType) return controlError(400, `type must be one of ${OFFER_TYPES.join(", ")}`);
  const offerVisibility = VISIBILITIES.find((candidate) => candidate === (visibility ?? "all"));
  if (!offerVisibility) return controlError(400, `visibility must be one of ${VISIBILITIES.join(", ")}`);
  const now = Date.now();
  const updated = typeof updatedAt === "string" ? parseDateTimeParam(updatedAt) : updatedAt === undefined ? now : null;
  if (updated === null) return controlError(400, "updatedAt must be an ISO date-time");

  const offer: SandboxOffer = {
    id: randomUUID(),
    auctionId: takeAuctionId(state),
    type: offerType,
    productId,
    retailCents: retail.cents,
    businessCents: business.cents,
    visibility: offerVisibility,
    inventorySize,
    sold: 0,
    active: active && archived !== true,
    archived: archived === true,
    hidden: hidden === true,
    createdAt: now,
    updatedAt: updated,
  };
  state.offers.push(offer);
  return { status: 200, body: offerStateView(state, offer) };
}

/** POST /__sim/jobs/next {outcome, code?, message?}: how the next job created behaves. */
export async function postNextJob(sandbox: SandboxContext, request: SandboxRequest): Promise<Reply> {
  const body = await readControlObject(request);
  if (!body.ok) return body.reply;
  const unknown = refuseUnknownKeys(body.value, ["outcome", "code", "message"]);
  if (unknown) return unknown.reply;
  const { outcome, code, message } = body.value;
  const chosen = NEXT_JOB_OUTCOMES.find((candidate) => candidate === outcome);
  if (!chosen) return controlError(400, `outcome must be one of ${NEXT_JOB_OUTCOMES.join(", ")}`);
  for (const [name, value] of [
    ["code", code],
    ["message", message],
  ] as const)
    if (value !== undefined && (typeof value !== "string" || value === ""))
      return controlError(400, `${name} must be a non-empty string`);
  sandbox.state.nextJob = {
    outcome: chosen,
    failure: {
      code: typeof code === "string" ? code : DEFAULT_JOB_FAILURE.code,
      message: typeof message === "string" ? message : DEFAULT_JOB_FAILURE.message,
    },
  };
  return { status: 200, body: { nextJob: sandbox.state.nextJob } };
}

/**
 * POST /__sim/offers/{offerId}/deactivate {message?, merchant?}: G2A switches the offer off and, when a
 * merchant API is known (here or in settings.merchant), tells it with an auction_deactivated push.
 */
export async function postDeactivate(sandbox: SandboxContext, request: SandboxRequest): Promise<Reply> {
  const body = await readControlObject(request);
  if (!body.ok) return body.reply;
  const unknown = refuseUnknownKeys(body.value, ["message", "merchant"]);
  if (unknown) return unknown.reply;
  const { state } = sandbox;
  const offer = findOffer(state, request.params.offerId ?? "");
  if (!offer) return controlError(404, `No offer ${request.params.offerId ?? ""}`);
  const message = body.value.message ?? DEFAULT_DEACTIVATION_MESSAGE;
  if (typeof message !== "string" || message === "") return controlError(400, "message must be a non-empty string");
  let merchant = state.settings.merchant;
  if (body.value.merchant !== undefined) {
    // The same checks as settings.merchant, without changing the settings.
    const checked = mergeSettings(state.settings, { merchant: body.value.merchant });
    if (!checked.ok) return controlError(400, checked.problem.replace(/^settings\./, ""));
    merchant = checked.settings.merchant;
  }

  const now = Date.now();
  offer.active = false;
  offer.updatedAt = now;
  sandbox.changed();
  let notification: NotificationOutcome | null = null;
  if (merchant) notification = await pushDeactivation(merchant, offer, message, now);
  return { status: 200, body: { offer: offerStateView(sandbox.state, offer), notification } };
}
