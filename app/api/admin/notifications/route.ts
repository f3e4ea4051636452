import { adminJson, adminRoute } from "@/lib/admin/http";
import { listNotifications, notificationListQuerySchema } from "@/lib/admin/notifications";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ url, db }) =>
    adminJson(await listNotifications(db, notificationListQuerySchema.parse(Object.fromEntries(url.searchParams)))),
});
