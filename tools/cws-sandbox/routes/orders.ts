import { readJson } from "../../sandbox-kit/http-io";
import type { ApiRequest, SimContext } from "../context";
import { parseDateParam } from "../dates";
import { apiError, malformedRequest, payloadTooLarge, type Reply } from "../http-io";
import { placeOrder } from "../ordering";
import { findOrderById } from "../state";
import { orderSummaryView, orderView } from "../views";

/** POST /v3/orders — the body is read as JSON whatever its Content-Type. */
export async function postOrder(sim: SimContext, request: ApiRequest): Promise<Reply> {
  const body = await readJson(request.readBody);
  if (body.kind === "tooLarge") return payloadTooLarge();
  if (body.kind !== "json") return malformedRequest("Malformed JSON");
  const now = Date.now();
  const result = placeOrder(sim, body.value, now);
  if (!result.ok) return result.reply;
  return { status: 200, body: orderView(result.order, sim.publicUrl, now), createdOrder: result.order };
}

/** GET /v3/orders/{orderId} — by CWS id only, so that clients cannot come to rely on clientOrderId lookups. */
export function getOrder(sim: SimContext, request: ApiRequest): Reply {
  const order = findOrderById(sim.state, request.params.orderId ?? "");
  return order
    ? { status: 200, body: orderView(order, sim.publicUrl, Date.now()) }
    : apiError(404, 30018, "Order not found");
}

/** GET /v3/orders?startFrom&endOn — inclusive on createdOn, oldest first, summaries only. */
export function listOrders(sim: SimContext, request: ApiRequest): Reply {
  const bounds: { startFrom: number; endOn: number } = { startFrom: -Infinity, endOn: Infinity };
  for (const name of ["startFrom", "endOn"] as const) {
    const raw = request.url.searchParams.get(name);
    if (raw === null || raw === "") continue;
    const parsed = parseDateParam(raw, name === "endOn");
    if (parsed === null) return malformedRequest(`${name} must be yyyy-MM-dd or an ISO-8601 date-time`);
    bounds[name] = parsed;
  }
  const now = Date.now();
  const items = sim.state.orders
    .filter((order) => order.createdOn >= bounds.startFrom && order.createdOn <= bounds.endOn)
    .sort((a, b) => a.createdOn - b.createdOn)
    .map((order) => orderSummaryView(order, sim.publicUrl, now));
  return { status: 200, body: { items } };
}
