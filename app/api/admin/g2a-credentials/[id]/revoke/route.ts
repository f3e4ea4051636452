import { revokeG2aPair } from "@/lib/admin/g2a-credentials";
import { adminJson, adminRoute } from "@/lib/admin/http";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  POST: async ({ db, params, actor, annotate }) => {
    annotate({ g2aCredentialsId: params.id });
    return adminJson({ credentials: await revokeG2aPair(db, actor, params.id ?? "", getEnv().G2A_CLIENT_ID) });
  },
});
