import { alertParamsSchema } from "@/lib/admin/alert-schema";
import { getAlert } from "@/lib/admin/alerts";
import { adminJson, adminRoute } from "@/lib/admin/http";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ db, params }) => adminJson(await getAlert(db, alertParamsSchema.parse(params).id)),
});
