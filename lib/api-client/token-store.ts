import { createHash } from "node:crypto";
import type { KeyVault } from "@/lib/crypto";

export type StoredToken = { accessToken: string; obtainedAt: Date; expiresAt: Date };

/** Where an access token is kept between calls, restarts and instances. */
export type TokenStore = {
  load(): Promise<StoredToken | null>;
  save(token: StoredToken): Promise<void>;
  /** Forgets the token, but only if it is still `accessToken` (a fresher one stays). */
  discard(accessToken: string): Promise<void>;
};

/** A sealed token as one table keeps it, one row per (base URL, client id). */
export type SealedTokenRow = { sealedToken: Uint8Array<ArrayBuffer>; obtainedAt: Date; expiresAt: Date };

/** The reads and writes of the table holding the rows: each table's store module provides them. */
export type SealedTokenRows = {
  find(id: string): Promise<SealedTokenRow | null>;
  upsert(id: string, row: SealedTokenRow): Promise<void>;
  delete(id: string): Promise<void>;
};

/** The row id of a (base URL, client id) pair: a hash, so neither appears in the table. */
export function tokenRowId(scope: { baseUrl: string; clientId: string }): string {
  return createHash("sha256").update(`${scope.baseUrl}\n${scope.clientId}`).digest("hex");
}

/**
 * A token store over `rows`, the token sealed with the key vault under `${purpose}:${row id}`,
 * so a sealed token cannot be read back from another row or another table.
 */
export function createSealedTokenStore(
  rows: SealedTokenRows,
  vault: KeyVault,
  purpose: string,
  scope: { baseUrl: string; clientId: string },
): TokenStore {
  const id = tokenRowId(scope);
  const context = `${purpose}:${id}`;
  return {
    async load() {
      const row = await rows.find(id);
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
      await rows.upsert(id, {
        sealedToken: vault.seal(token.accessToken, context),
        obtainedAt: token.obtainedAt,
        expiresAt: token.expiresAt,
      });
    },
    async discard(accessToken) {
      const current = await this.load();
      if (current?.accessToken === accessToken) await rows.delete(id);
    },
  };
}
