import { adminJson, adminRoute } from "@/lib/admin/http";
import { getOverview } from "@/lib/admin/overview";
import { getFulfillmentDeps } from "@/lib/fulfillment/deps";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ log }) => adminJson(await getOverview(getFulfillmentDeps(), log)),
});
