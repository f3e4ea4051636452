import { adminJson, adminRoute } from "@/lib/admin/http";
import { getOrderDetail } from "@/lib/admin/orders";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ params, db, actor }) => adminJson(await getOrderDetail(db, params.id ?? "", actor.role)),
});
