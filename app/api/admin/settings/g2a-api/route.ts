import { adminJson, adminRoute } from "@/lib/admin/http";
import {
  getG2aApiConnectionView,
  removeG2aApiCredentials,
  saveG2aApiCredentials,
} from "@/lib/admin/g2a-api-connection";
import { g2aApiCredentialsSchema } from "@/lib/admin/settings-schema";
import { getKeyVault } from "@/lib/crypto";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

// The G2A seller API connection: credentials are ADMIN business, reading them included.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute(
  {
    GET: async ({ db }) => adminJson(await getG2aApiConnectionView({ db, env: getEnv(), vault: getKeyVault() })),
    PUT: async ({ db, json, actor }) =>
      adminJson(
        await saveG2aApiCredentials(
          { db, env: getEnv(), vault: getKeyVault() },
          actor,
          await json(g2aApiCredentialsSchema),
        ),
      ),
    DELETE: async ({ db, actor }) =>
      adminJson(await removeG2aApiCredentials({ db, env: getEnv(), vault: getKeyVault() }, actor)),
  },
  { roles: { GET: "ADMIN" } },
);
