import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { readFileItem, resolveOrder } from "@/lib/fulfillment/inventory";
import { g2aJson, g2aRoute } from "@/lib/g2a/http";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = g2aRoute({
  GET: async ({ params, annotate }) => {
    const deps = getFulfillmentDeps();
    const order = await resolveOrder(deps, params.orderId ?? "");
    annotate({ orderId: order.id, g2aOrderId: order.g2aOrderId, itemId: params.itemId });
    return g2aJson(await readFileItem(deps, order.id, params.itemId ?? ""));
  },
});
