import { randomUUID } from "node:crypto";
import type { Refusal } from "../sandbox-kit/http-io";
import { isRecord } from "../sandbox-kit/json";
import { createLineCodes, releasePreorderCode } from "./codes";
import type { SimContext } from "./context";
import { apiError, malformedRequest, productNotFound, type Reply } from "./http-io";
import { toCents } from "./money";
import { findVisibleProduct, indexOrderCodes, type SimOrder, type SimOrderLine, type SimProduct } from "./state";
import { findTier } from "./tiers";

export type PlaceOrderResult = { ok: true; order: SimOrder } | Refusal;

interface RequestedLine {
  product: SimProduct;
  quantity: number;
  priceCents: number | null;
}

const INTEGER_TEXT = /^\s*-?\d+\s*$/;
const DECIMAL_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

const refuse = (reply: Reply): Refusal => ({ ok: false, reply });
const invalidQuantity = (message: string) => refuse(apiError(400, 40002, message));
const tooLowStock = () => refuse(apiError(400, 310003, "Cannot complete, too low stock."));

/** A JSON integer, or a string holding one; null for anything else. */
function readQuantity(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : null;
  if (typeof value === "string" && INTEGER_TEXT.test(value)) return Number(value);
  return null;
}

/** A JSON number, or a numeric string; undefined when absent, null when not numeric. */
function readPrice(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && DECIMAL_TEXT.test(value)) return Number(value);
  return null;
}

/** The clientOrderId to echo: null when absent; undefined when the value has a type CWS would refuse. */
function readClientOrderId(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Runs the checks of spec §13.8 in order; the first failure answers and nothing changes. */
function checkOrderRequest(
  sim: SimContext,
  payload: unknown,
): { ok: true; clientOrderId: string | null; allowPreOrder: boolean; lines: RequestedLine[] } | Refusal {
  if (!isRecord(payload) || !Array.isArray(payload.products) || payload.products.length === 0) {
    return refuse(malformedRequest("products must be a non-empty array"));
  }
  const clientOrderId = readClientOrderId(payload.orderId);
  if (clientOrderId === undefined) return refuse(malformedRequest("orderId must be a string"));
  const allowPreOrder = payload.allowPreOrder === true;

  const lines: RequestedLine[] = [];
  for (const [index, entry] of payload.products.entries()) {
    if (!isRecord(entry)) return refuse(malformedRequest(`products[${index}] must be an object`));
    const product = typeof entry.productId === "string" ? findVisibleProduct(sim.state, entry.productId) : undefined;
    if (!product) return refuse(productNotFound());
    const quantity = readQuantity(entry.quantity);
    if (quantity === null || quantity < 1) return invalidQuantity("Invalid quantity");
    const price = readPrice(entry.price);
    if (price === null) return refuse(malformedRequest(`products[${index}].price must be a number`));
    lines.push({ product, quantity, priceCents: price === undefined ? null : toCents(price) });
  }

  const orderedPerProduct = new Map<SimProduct, number>();
  for (const line of lines)
    orderedPerProduct.set(line.product, (orderedPerProduct.get(line.product) ?? 0) + line.quantity);
  for (const [product, ordered] of orderedPerProduct) if (ordered > product.quantity) return tooLowStock();

  if (!allowPreOrder && lines.some((line) => line.product.mode === "preorder")) return tooLowStock();
  return { ok: true, clientOrderId, allowPreOrder, lines };
}

export function placeOrder(sim: SimContext, payload: unknown, now: number): PlaceOrderResult {
  const request = checkOrderRequest(sim, payload);
  if (!request.ok) return request;

  const unitPrices: number[] = [];
  for (const line of request.lines) {
    const tier = findTier(line.product.prices, line.quantity);
    if (!tier) return invalidQuantity(`No price tier for quantity ${line.quantity}`);
    unitPrices.push(tier.valueCents);
  }
  // The `price` sent is a ceiling: at or above the tier passes, and the tier price is what gets charged.
  for (const [index, line] of request.lines.entries()) {
    if (line.priceCents !== null && line.priceCents < (unitPrices[index] ?? 0))
      return refuse(apiError(400, 30001, "Price has changed"));
  }
  const totalCents = request.lines.reduce((sum, line, index) => sum + (unitPrices[index] ?? 0) * line.quantity, 0);
  const { account } = sim.state;
  if (totalCents > account.balanceCents + account.creditCents)
    return refuse(apiError(400, 10002, "Not enough funds on the account"));

  const lines: SimOrderLine[] = request.lines.map((line, index) => ({
    productId: line.product.productId,
    name: line.product.name,
    quantity: line.quantity,
    unitCents: unitPrices[index] ?? 0,
    mode: line.product.mode,
    deliverAt: line.product.mode === "delayed" ? now + Math.round(line.product.delaySeconds * 1000) : now,
    codes: createLineCodes(line.product.mode, line.quantity, line.product.identifier, sim.keys),
  }));
  const order: SimOrder = {
    orderId: randomUUID(),
    clientOrderId: request.clientOrderId,
    identifier: `TOGENERATE-${sim.state.nextIdentifier}`,
    createdOn: now,
    totalCents,
    allowPreOrder: request.allowPreOrder,
    httpOutcome: "200",
    forcedStatus: null,
    refunded: false,
    lines,
  };
  sim.state.nextIdentifier += 1;
  account.balanceCents -= totalCents;
  for (const line of request.lines) {
    line.product.quantity -= line.quantity;
    line.product.updatedAt = now;
  }
  sim.state.orders.push(order);
  indexOrderCodes(sim.state, order);
  sim.state.counters.ordersCreated += 1;
  return { ok: true, order };
}

/** The order with this CWS id, otherwise every order created under this clientOrderId. */
export function findOrdersByAnyId(sim: SimContext, id: string): SimOrder[] {
  const byCwsId = sim.state.orders.find((order) => order.orderId === id);
  return byCwsId ? [byCwsId] : sim.state.orders.filter((order) => order.clientOrderId === id);
}

export interface PreorderFilter {
  productId?: string;
  /** A CWS id or a clientOrderId. */
  orderId?: string;
}

export function releasePreorders(sim: SimContext, filter: PreorderFilter): { released: number; orderIds: string[] } {
  const orders = filter.orderId === undefined ? sim.state.orders : findOrdersByAnyId(sim, filter.orderId);
  let released = 0;
  const orderIds: string[] = [];
  for (const order of orders) {
    let releasedInOrder = 0;
    for (const line of order.lines) {
      if (filter.productId !== undefined && line.productId !== filter.productId) continue;
      const identifier = sim.state.products.get(line.productId)?.identifier ?? "PREORDER";
      for (const code of line.codes) {
        if (code.codeType !== "CODE_PREORDER") continue;
        releasePreorderCode(code, identifier, sim.keys);
        releasedInOrder += 1;
      }
    }
    if (releasedInOrder > 0) orderIds.push(order.orderId);
    released += releasedInOrder;
  }
  return { released, orderIds };
}

/** Forces the status from now on; a refund is paid back once, however often it is asked for. */
export function forceOrderStatus(sim: SimContext, order: SimOrder, status: string, refund: boolean): void {
  order.forcedStatus = status;
  if (refund && !order.refunded) {
    order.refunded = true;
    sim.state.account.balanceCents += order.totalCents;
  }
}
