import type { KeyVault } from "@/lib/crypto";
import type { Db } from "@/lib/db";
import { createSealedTokenStore, type SealedTokenRows, type TokenStore } from "@/lib/api-client/token-store";

export type { StoredToken, TokenStore } from "@/lib/api-client/token-store";

function cwsTokenRows(db: Db): SealedTokenRows {
  return {
    find: (id) => db.cwsToken.findUnique({ where: { id } }),
    async upsert(id, row) {
      await db.cwsToken.upsert({ where: { id }, create: { id, ...row }, update: row });
    },
    async delete(id) {
      await db.cwsToken.deleteMany({ where: { id } });
    },
  };
}

/** The CWS access token, one row per (base URL, client id), sealed with the key vault (§11.1). */
export function createDbTokenStore(db: Db, vault: KeyVault, scope: { baseUrl: string; clientId: string }): TokenStore {
  return createSealedTokenStore(cwsTokenRows(db), vault, "cws-token", scope);
}
