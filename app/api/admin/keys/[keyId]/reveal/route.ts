import { adminJson, adminRoute } from "@/lib/admin/http";
import { revealKey } from "@/lib/admin/orders";
import { reasonSchema } from "@/lib/fulfillment/reason";
import { getKeyVault } from "@/lib/crypto";

export const dynamic = "force-dynamic";

// Only an ADMIN reveals a key, on purpose, and every reveal is audited (ARCHITECTURE §8.10).
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  POST: async ({ params, json, actor, db, annotate }) => {
    const { reason } = await json(reasonSchema);
    annotate({ keyId: params.keyId });
    return adminJson(await revealKey(db, getKeyVault(), params.keyId ?? "", reason, actor));
  },
});
