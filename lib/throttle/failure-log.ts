import type { Db, Prisma } from "@/lib/db";

// Failed attempts (sign-ins, G2A token requests) kept in the database by key, so that limits hold
// across parallel requests and restarts. A key names who failed: an account, an address, a client.

type Reader = Db | Prisma.TransactionClient;

/**
 * Seconds until `key` is below `limit` failures after `since` again (0 when it already is): until
 * the failure that keeps it there leaves the window, i.e. its time minus the window's start.
 */
export async function secondsUntilBelowLimit(db: Reader, key: string, limit: number, since: Date): Promise<number> {
  const count = await db.loginAttempt.count({ where: { key, at: { gt: since } } });
  if (count < limit) return 0;
  const blocking = await db.loginAttempt.findFirst({ where: { key, at: { gt: since } }, orderBy: { at: "asc" }, skip: count - limit, select: { at: true } });
  return Math.max(1, Math.ceil(((blocking?.at.getTime() ?? since.getTime()) - since.getTime()) / 1000));
}

/** Records one failure under each key; answers the rows' ids. */
export async function recordFailures(db: Reader, keys: readonly string[], at: Date): Promise<number[]> {
  const ids: number[] = [];
  for (const key of keys) ids.push((await db.loginAttempt.create({ data: { key, at }, select: { id: true } })).id);
  return ids;
}

/** Failures older than `olderThanMs`: past every window, they no longer count. */
export async function purgeFailures(db: Db, olderThanMs: number, now = new Date()): Promise<number> {
  return (await db.loginAttempt.deleteMany({ where: { at: { lte: new Date(now.getTime() - olderThanMs) } } })).count;
}
