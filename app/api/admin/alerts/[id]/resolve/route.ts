import { alertParamsSchema, resolveAlertSchema } from "@/lib/admin/alert-schema";
import { resolveAlert } from "@/lib/admin/alerts";
import { adminJson, adminRoute } from "@/lib/admin/http";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute(
  {
    POST: async ({ db, params, json, actor, annotate }) => {
      const { id } = alertParamsSchema.parse(params);
      const { note } = await json(resolveAlertSchema);
      annotate({ alertId: id });
      return adminJson(await resolveAlert(db, actor, id, note));
    },
  },
  { roles: { POST: "OPERATOR" } },
);
