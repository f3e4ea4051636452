import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { readInventory, resolveOrder, returnKeys } from "@/lib/fulfillment/inventory";
import { g2aJson, g2aNoContent, g2aRoute } from "@/lib/g2a/http";
import { returnedItemIds } from "@/lib/g2a/return-ids";
import { inventoryBody } from "@/lib/g2a/serializers";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = g2aRoute({
  GET: async ({ params, annotate }) => {
    const deps = getFulfillmentDeps();
    const order = await resolveOrder(deps, params.orderId ?? "");
    annotate({ orderId: order.id, g2aOrderId: order.g2aOrderId });
    return g2aJson(inventoryBody(await readInventory(deps, order.id)));
  },
  DELETE: async ({ params, url, annotate }) => {
    const ids = returnedItemIds(url);
    const deps = getFulfillmentDeps();
    const order = await resolveOrder(deps, params.orderId ?? "");
    annotate({ orderId: order.id, g2aOrderId: order.g2aOrderId, returned: ids.length });
    await returnKeys(deps, order.id, ids);
    return g2aNoContent();
  },
});
