import { alertSummary } from "@/lib/admin/alerts";
import { adminJson, adminRoute } from "@/lib/admin/http";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ db }) => adminJson(await alertSummary(db)),
});
