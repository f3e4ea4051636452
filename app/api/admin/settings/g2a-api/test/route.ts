import { adminJson, adminRoute } from "@/lib/admin/http";
import { testG2aApiConnection } from "@/lib/admin/g2a-api-connection";
import { parseG2aApiConnectionTest } from "@/lib/admin/settings-schema";
import { getKeyVault } from "@/lib/crypto";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

// "Test connection": the credentials in the body, or `{}` for the connection in use. A failed test answers 200 with `ok: false`.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  POST: async ({ db, json, actor, log }) => {
    const entered = parseG2aApiConnectionTest(await json());
    return adminJson(
      await testG2aApiConnection({ db, env: getEnv(), vault: getKeyVault(), logger: log }, actor, entered),
    );
  },
});
