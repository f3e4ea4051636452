import { generateG2aPair, listG2aCredentials } from "@/lib/admin/g2a-credentials";
import { adminJson, adminRoute } from "@/lib/admin/http";
import { newG2aCredentialsSchema } from "@/lib/admin/settings-schema";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

// Credentials are ADMIN business, reading them included (ARCHITECTURE §8.10).
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute(
  {
    GET: async ({ db }) => adminJson(await listG2aCredentials(db, getEnv().G2A_CLIENT_ID)),
    POST: async ({ db, json, actor, annotate }) => {
      const created = await generateG2aPair(db, actor, await json(newG2aCredentialsSchema), getEnv().G2A_CLIENT_ID);
      annotate({ g2aClient: created.credentials.clientId });
      return adminJson(created, 201);
    },
  },
  { roles: { GET: "ADMIN" } },
);
