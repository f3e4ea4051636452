import { adminJson, adminRoute } from "@/lib/admin/http";
import { resetUserPassword } from "@/lib/admin/users";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  POST: async ({ db, params, actor, annotate }) => {
    annotate({ userId: params.id });
    return adminJson(await resetUserPassword(db, actor, params.id ?? ""));
  },
});
