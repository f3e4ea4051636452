import type { Db } from "@/lib/db";
import { purgeExpiredG2aTokens } from "@/lib/g2a/credentials";
import { purgeOldSignInFailures } from "./login-throttle";

/** What the purge job removes: G2A tokens expired over a day ago, failed attempts past their window. */
export async function purgeExpiredCredentials(
  db: Db,
  now = new Date(),
): Promise<{ g2aTokens: number; failedAttempts: number }> {
  return { g2aTokens: await purgeExpiredG2aTokens(db, now), failedAttempts: await purgeOldSignInFailures(db, now) };
}
