import { adminJson, adminRoute } from "@/lib/admin/http";
import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { retryFulfillment } from "@/lib/fulfillment/staff-actions";
import { reasonSchema } from "@/lib/fulfillment/reason";

export const dynamic = "force-dynamic";

// On-call staff (OPERATOR) may retry by design (ARCHITECTURE §8.10).
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute(
  {
    POST: async ({ params, json, actor, annotate }) => {
      const { reason } = await json(reasonSchema);
      annotate({ orderId: params.id });
      return adminJson(await retryFulfillment(getFulfillmentDeps(), params.id ?? "", reason, actor));
    },
  },
  { roles: { POST: "OPERATOR" } },
);
