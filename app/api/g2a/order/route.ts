import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { fulfillmentFailed, readInventory } from "@/lib/fulfillment/inventory";
import { waitForOrderSettled } from "@/lib/fulfillment/order-watch";
import { createOrderFromReservation } from "@/lib/fulfillment/orders";
import { g2aJson, g2aRoute } from "@/lib/g2a/http";
import { normalizeReservationId, orderRequestSchema } from "@/lib/g2a/schemas";
import { orderBody } from "@/lib/g2a/serializers";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = g2aRoute({
  POST: async ({ json, annotate }) => {
    const request = orderRequestSchema.parse(json());
    const reservationId = normalizeReservationId(request.reservation_id);
    annotate({ reservationId, g2aOrderId: request.g2a_order_id });
    const deps = getFulfillmentDeps();
    const { orderId, replay } = await createOrderFromReservation(deps, reservationId, request.g2a_order_id);
    annotate({ orderId, replay });
    const status = await waitForOrderSettled(deps, orderId, deps.config.orderSyncWaitMs);
    if (status === "FAILED") throw fulfillmentFailed();
    return g2aJson(orderBody(orderId, await readInventory(deps, orderId)), status === "COMPLETED" ? 200 : 202);
  },
});
