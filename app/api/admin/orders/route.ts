import { adminJson, adminRoute } from "@/lib/admin/http";
import { listOrders, orderListQuerySchema } from "@/lib/admin/orders";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ url, db }) =>
    adminJson(await listOrders(db, orderListQuerySchema.parse(Object.fromEntries(url.searchParams)))),
});
