import { readControlJson } from "../../sandbox-kit/control-body";
import { toIso } from "../../sandbox-kit/dates";
import type { SimpleRoute } from "../../sandbox-kit/dispatch";
import { controlError, type Refusal } from "../../sandbox-kit/http-io";
import { isRecord } from "../../sandbox-kit/json";
import { expireAllTokens } from "../auth";
import {
  CatalogueError,
  hasEveryRequiredField,
  parseProductInput,
  REQUIRED_PRODUCT_FIELDS,
  type CompleteProductInput,
  type ProductInput,
} from "../catalogue";
import type { SimContext, SimRequest } from "../context";
import { mergeFaults } from "../faults";
import { isLineDelivered, orderStatus } from "../fulfilment";
import type { Reply } from "../http-io";
import { isEuroAmount, toCents, toEuros } from "../money";
import { findOrdersByAnyId, forceOrderStatus, releasePreorders, type PreorderFilter } from "../ordering";
import { resetSimulator, type ResetOverrides } from "../simulator";
import { buildProduct, patchProduct, type SimOrder, type SimProduct } from "../state";
import { accountView, catalogueEntryView, orderView, priceTiersView } from "../views";

// The control API (spec §13.14): for tests and people, never rate-limited or faulted; errors are {"error": "..."}.

type BodyResult = { ok: true; value: Record<string, unknown> | unknown[] | null } | Refusal;

/** The JSON body; null when there is none, since every control body is optional or checked by its handler. */
async function readControlBody(request: SimRequest): Promise<BodyResult> {
  const body = await readControlJson(request.readBody);
  if (!body.ok) return body;
  if (body.value === undefined) return { ok: true, value: null };
  if (Array.isArray(body.value) || isRecord(body.value)) return { ok: true, value: body.value };
  return { ok: false, reply: controlError(400, "The body must be a JSON object or array") };
}

/** Reads an optional JSON object body; null stands for "no body". */
async function readOptionalObject(
  request: SimRequest,
): Promise<{ ok: true; value: Record<string, unknown> } | Refusal> {
  const body = await readControlBody(request);
  if (!body.ok) return body;
  if (body.value === null) return { ok: true, value: {} };
  if (!isRecord(body.value)) return { ok: false, reply: controlError(400, "The body must be a JSON object") };
  return { ok: true, value: body.value };
}

function orderStateView(order: SimOrder, now: number) {
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    identifier: order.identifier,
    status: orderStatus(order, now),
    totalPrice: toEuros(order.totalCents),
    createdOn: toIso(order.createdOn),
    allowPreOrder: order.allowPreOrder,
    httpOutcome: order.httpOutcome,
    forcedStatus: order.forcedStatus,
    refunded: order.refunded,
    lines: order.lines.map((line) => ({
      productId: line.productId,
      quantity: line.quantity,
      unitPrice: toEuros(line.unitCents),
      mode: line.mode,
      // Tests need the ids of codes that the API does not show yet, to check that they answer 404.
      deliversAt: toIso(line.deliverAt),
      delivered: isLineDelivered(line, now),
      codes: line.codes.map((code) => ({ codeId: code.codeId, codeType: code.codeType, code: code.key })),
    })),
  };
}

function productStateView(product: SimProduct) {
  return {
    productId: product.productId,
    identifier: product.identifier,
    name: product.name,
    quantity: product.quantity,
    prices: priceTiersView(product.prices),
    hidden: product.hidden,
    mode: product.mode,
    delaySeconds: product.delaySeconds,
    createdAt: toIso(product.createdAt),
    updatedAt: toIso(product.updatedAt),
  };
}

function getState(sim: SimContext): Reply {
  const now = Date.now();
  const { state } = sim;
  const ordersByClientOrderId: Record<string, string[]> = {};
  for (const order of state.orders) {
    if (order.clientOrderId !== null) (ordersByClientOrderId[order.clientOrderId] ??= []).push(order.orderId);
  }
  const { links: _links, fullName: _fullName, email: _email, ...account } = accountView(state.account, sim.publicUrl);
  return {
    status: 200,
    body: {
      now: toIso(now),
      account,
      orders: state.orders.map((order) => orderStateView(order, now)),
      ordersByClientOrderId,
      products: [...state.products.values()].map(productStateView),
      counters: state.counters,
      faults: state.faults,
      recentRequests: state.recentRequests,
    },
  };
}

async function postFaults(sim: SimContext, request: SimRequest): Promise<Reply> {
  const body = await readOptionalObject(request);
  if (!body.ok) return body.reply;
  const merged = mergeFaults(sim.state.faults, body.value);
  if (!merged.ok) return controlError(400, merged.problem);
  sim.state.faults = merged.config;
  if (typeof body.value.seed === "number") sim.random.reseed(body.value.seed);
  return { status: 200, body: sim.state.faults };
}

function readMoneyField(body: Record<string, unknown>, name: string): number | undefined | string {
  const value = body[name];
  if (value === undefined) return undefined;
  return isEuroAmount(value) ? toCents(value) : `${name} must be an amount with at most 2 decimals`;
}

async function postReset(sim: SimContext, request: SimRequest): Promise<Reply> {
  const body = await readOptionalObject(request);
  if (!body.ok) return body.reply;
  const balanceCents = readMoneyField(body.value, "balance");
  const creditCents = readMoneyField(body.value, "credit");
  for (const value of [balanceCents, creditCents]) if (typeof value === "string") return controlError(400, value);
  const catalogue = body.value.catalogue;
  if (catalogue !== undefined && typeof catalogue !== "string")
    return controlError(400, "catalogue must be a file path");
  const overrides: ResetOverrides = {
    balanceCents: typeof balanceCents === "number" ? balanceCents : undefined,
    creditCents: typeof creditCents === "number" ? creditCents : undefined,
    cataloguePath: catalogue,
  };
  try {
    resetSimulator(sim, overrides);
  } catch (error) {
    if (error instanceof CatalogueError) return controlError(400, error.message);
    throw error;
  }
  return { status: 204 };
}

/** Validates every patch before applying any, so that a bad batch changes nothing. */
async function postProducts(sim: SimContext, request: SimRequest): Promise<Reply> {
  const body = await readControlBody(request);
  if (!body.ok) return body.reply;
  if (body.value === null) return controlError(400, "Send one product patch or an array of them");
  const rawPatches = Array.isArray(body.value) ? body.value : [body.value];
  const problems: string[] = [];
  const patches: ProductInput[] = [];
  for (const [index, raw] of rawPatches.entries()) {
    const patch = parseProductInput(raw, Array.isArray(body.value) ? `[${index}]` : "patch", false, problems);
    if (patch) patches.push(patch);
  }
  if (problems.length > 0) return controlError(400, problems.join("; "));
  const known = new Set(sim.state.products.keys());
  const changes: Array<{ create: true; input: CompleteProductInput } | { create: false; input: ProductInput }> = [];
  for (const patch of patches) {
    if (known.has(patch.productId)) {
      changes.push({ create: false, input: patch });
      continue;
    }
    if (!hasEveryRequiredField(patch)) {
      return controlError(
        404,
        `Unknown productId ${patch.productId}; a new product needs ${REQUIRED_PRODUCT_FIELDS.join(", ")}`,
      );
    }
    known.add(patch.productId);
    changes.push({ create: true, input: patch });
  }
  const now = Date.now();
  const touched: SimProduct[] = [];
  for (const change of changes) {
    if (change.create) {
      const created = buildProduct(change.input, now);
      sim.state.products.set(created.productId, created);
      touched.push(created);
      continue;
    }
    // Validation found every patched product, or created it earlier in this batch.
    const existing = sim.state.products.get(change.input.productId);
    if (existing) {
      patchProduct(existing, change.input, now);
      touched.push(existing);
    }
  }
  return { status: 200, body: { products: touched.map(catalogueEntryView) } };
}

async function postReleasePreorders(sim: SimContext, request: SimRequest): Promise<Reply> {
  const body = await readOptionalObject(request);
  if (!body.ok) return body.reply;
  const filter: PreorderFilter = {};
  for (const name of ["productId", "orderId"] as const) {
    const value = body.value[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") return controlError(400, `${name} must be a string`);
    filter[name] = value;
  }
  return { status: 200, body: releasePreorders(sim, filter) };
}

async function postAccount(sim: SimContext, request: SimRequest): Promise<Reply> {
  const body = await readOptionalObject(request);
  if (!body.ok) return body.reply;
  const balanceCents = readMoneyField(body.value, "currentBalance");
  const creditCents = readMoneyField(body.value, "currentCredit");
  for (const value of [balanceCents, creditCents]) if (typeof value === "string") return controlError(400, value);
  if (typeof balanceCents === "number") sim.state.account.balanceCents = balanceCents;
  if (typeof creditCents === "number") sim.state.account.creditCents = creditCents;
  return { status: 200, body: accountView(sim.state.account, sim.publicUrl) };
}

async function postOrderStatus(sim: SimContext, request: SimRequest): Promise<Reply> {
  const body = await readOptionalObject(request);
  if (!body.ok) return body.reply;
  const { status, refund } = body.value;
  if (typeof status !== "string" || status.trim() === "") return controlError(400, "status must be a non-empty string");
  if (refund !== undefined && typeof refund !== "boolean") return controlError(400, "refund must be true or false");
  const id = request.params.orderId ?? "";
  const orders = findOrdersByAnyId(sim, id);
  const [order] = orders;
  if (!order) return controlError(404, `No order ${id}`);
  if (orders.length > 1)
    return controlError(400, `clientOrderId ${id} is shared by ${orders.length} orders; use the CWS orderId`);
  forceOrderStatus(sim, order, status, refund === true);
  return { status: 200, body: orderView(order, sim.publicUrl, Date.now()) };
}

function postExpireTokens(sim: SimContext): Reply {
  expireAllTokens(sim.state, Date.now());
  return { status: 204 };
}

export const CONTROL_ROUTES: readonly SimpleRoute<SimContext, Reply>[] = [
  { method: "GET", pattern: "/__sim/state", handler: getState },
  { method: "GET", pattern: "/__sim/faults", handler: (sim) => ({ status: 200, body: sim.state.faults }) },
  { method: "POST", pattern: "/__sim/faults", handler: postFaults },
  { method: "POST", pattern: "/__sim/reset", handler: postReset },
  { method: "POST", pattern: "/__sim/products", handler: postProducts },
  { method: "POST", pattern: "/__sim/release-preorders", handler: postReleasePreorders },
  { method: "POST", pattern: "/__sim/account", handler: postAccount },
  { method: "POST", pattern: "/__sim/orders/{orderId}/status", handler: postOrderStatus },
  { method: "POST", pattern: "/__sim/expire-tokens", handler: postExpireTokens },
];
