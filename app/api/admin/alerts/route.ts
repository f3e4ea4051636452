import { alertListQuerySchema } from "@/lib/admin/alert-schema";
import { listAlerts } from "@/lib/admin/alerts";
import { adminJson, adminRoute } from "@/lib/admin/http";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ db, url }) =>
    adminJson(await listAlerts(db, alertListQuerySchema.parse(Object.fromEntries(url.searchParams)))),
});
