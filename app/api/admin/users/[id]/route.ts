import { adminJson, adminRoute } from "@/lib/admin/http";
import { userChangeSchema } from "@/lib/admin/user-schema";
import { updateUser } from "@/lib/admin/users";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  PATCH: async ({ db, params, json, actor, annotate }) => {
    annotate({ userId: params.id });
    return adminJson({ user: await updateUser(db, actor, params.id ?? "", await json(userChangeSchema)) });
  },
});
