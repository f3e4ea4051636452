import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db";
import { ConfigError, type Env } from "@/lib/env";
import { secretsDir } from "@/lib/env/secrets";
import { listBackups } from "./files";

/**
 * What `npm start` checks about the purchased keys before the server starts. A database that holds
 * keys in a data folder that had no key encryption key (a restored database, a lost secrets folder)
 * would get a new one generated, and none of its keys could be read again: the generated key is
 * removed and the start refused, saying what to do. Keys with no backup ever made only warn.
 * Returns the warning to print, if any.
 */
export async function checkStoredKeysAtStart(
  db: Db,
  env: Pick<Env, "dataDir" | "backupDir" | "generatedSecrets">,
): Promise<string | null> {
  const keys = await db.key.count();
  if (keys === 0) return null;
  if (env.generatedSecrets.includes("KEY_ENCRYPTION_KEY")) {
    fs.rmSync(path.join(secretsDir(env.dataDir), "KEY_ENCRYPTION_KEY"), { force: true });
    throw new ConfigError(
      `The database holds ${keys} purchased keys, but this data folder has no key encryption key: a new one would be generated and none of those keys could be read. Put the key they were encrypted with in ${path.join(secretsDir(env.dataDir), "KEY_ENCRYPTION_KEY")} or set KEY_ENCRYPTION_KEY, then start again.`,
    );
  }
  if (listBackups(env.backupDir).length > 0) return null;
  return `Warning: the database holds ${keys} purchased keys and no backup has been made yet. Run npm run db:backup, and keep a copy of the key encryption key elsewhere (see the README's Operations).`;
}
