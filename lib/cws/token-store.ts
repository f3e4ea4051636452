import { createHash } from "node:crypto";
import type { KeyVault } from "@/lib/crypto";
import type { Db } from "@/lib/db";

export type StoredToken = { accessToken: string; obtainedAt: Date; expiresAt: Date };

/** Where the CWS access token is kept between calls, restarts and instances (§11.1). */
export type TokenStore = {
  load(): Promise<StoredToken | null>;
  save(token: StoredToken): Promise<void>;
  /** Forgets the token, but only if it is still `accessToken` (a fresher one stays). */
  discard(accessToken: string): Promise<void>;
};

/** One row per (base URL, client id), the token sealed with the key vault. */
export function createDbTokenStore(db: Db, vault: KeyVault, scope: { baseUrl: string; clientId: string }): TokenStore {
  const id = createHash("sha256").update(`${scope.baseUrl}\n${scope.clientId}`).digest("hex");
  const context = `cws-token:${id}`;
  return {
    async load() {
      const row = await db.cwsToken.findUnique({ where: { id } });
      if (!row) return null;
      try {
        return {
          accessToken: vault.open(row.sealedToken, context).toString("utf8"),
          obtainedAt: row.obtainedAt,
          expiresAt: row.expiresAt,
        };
      } catch {
        return null; // sealed with another KEY_ENCRYPTION_KEY: fetch a new one
      }
    },
    async save(token) {
      const sealedToken = vault.seal(token.accessToken, context);
      const data = { sealedToken, obtainedAt: token.obtainedAt, expiresAt: token.expiresAt };
      await db.cwsToken.upsert({ where: { id }, create: { id, ...data }, update: data });
    },
    async discard(accessToken) {
      const current = await this.load();
      if (current?.accessToken === accessToken) await db.cwsToken.deleteMany({ where: { id } });
    },
  };
}
