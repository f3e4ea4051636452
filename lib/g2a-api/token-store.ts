import type { KeyVault } from "@/lib/crypto";
import type { Db, Prisma } from "@/lib/db";
import {
  createSealedTokenStore,
  tokenRowId,
  type SealedTokenRows,
  type TokenStore,
} from "@/lib/api-client/token-store";

function g2aImportTokenRows(db: Db): SealedTokenRows {
  return {
    find: (id) => db.g2aImportToken.findUnique({ where: { id } }),
    async upsert(id, row) {
      await db.g2aImportToken.upsert({ where: { id }, create: { id, ...row }, update: row });
    },
    async delete(id) {
      await db.g2aImportToken.deleteMany({ where: { id } });
    },
  };
}

/** Our Import API access token, one row per (base URL, client id), sealed with the key vault. */
export function createG2aApiTokenStore(
  db: Db,
  vault: KeyVault,
  scope: { baseUrl: string; clientId: string },
): TokenStore {
  return createSealedTokenStore(g2aImportTokenRows(db), vault, "g2a-import-token", scope);
}

/** Forgets the token of a (base URL, client id): after new credentials, the next call signs in with them. */
export async function forgetG2aApiToken(
  db: Pick<Prisma.TransactionClient, "g2aImportToken">,
  scope: { baseUrl: string; clientId: string },
): Promise<void> {
  await db.g2aImportToken.deleteMany({ where: { id: tokenRowId(scope) } });
}
