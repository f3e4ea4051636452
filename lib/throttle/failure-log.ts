import type { Db, Prisma } from "@/lib/db";
import { toWellFormed } from "@/lib/http/body";

// Failed attempts (sign-ins, G2A token requests) kept in the database by key, so that limits hold
// across parallel requests and restarts. A key names who failed: an account, an address, a client.

type Reader = Db | Prisma.TransactionClient;

// A key holds what a stranger sent (a client id, an e-mail): a lone surrogate in it would be
// refused by the database driver.
const stored = (key: string) => toWellFormed(key);

/**
 * Seconds until `key` is below `limit` failures after `since` again (0 when it already is): until
 * the failure that keeps it there leaves the window, i.e. its time minus the window's start.
 */
export async function secondsUntilBelowLimit(db: Reader, key: string, limit: number, since: Date): Promise<number> {
  const count = await countFailures(db, key, since);
  if (count < limit) return 0;
  const blocking = await db.loginAttempt.findFirst({
    where: { key: stored(key), at: { gt: since } },
    orderBy: { at: "asc" },
    skip: count - limit,
    select: { at: true },
  });
  return Math.max(1, Math.ceil(((blocking?.at.getTime() ?? since.getTime()) - since.getTime()) / 1000));
}

export function countFailures(db: Reader, key: string, since: Date): Promise<number> {
  return db.loginAttempt.count({ where: { key: stored(key), at: { gt: since } } });
}

/** Deletes every failure under `keys`, and the rows `ids`. */
export async function forgetFailures(db: Reader, keys: readonly string[], ids: readonly number[]): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { OR: [{ key: { in: keys.map(stored) } }, { id: { in: [...ids] } }] } });
}

/** Records one failure under each key; answers the rows' ids. */
export async function recordFailures(db: Reader, keys: readonly string[], at: Date): Promise<number[]> {
  const ids: number[] = [];
  for (const key of keys)
    ids.push((await db.loginAttempt.create({ data: { key: stored(key), at }, select: { id: true } })).id);
  return ids;
}

/** Failures older than `olderThanMs`: past every window, they no longer count. */
export async function purgeFailures(db: Db, olderThanMs: number, now = new Date()): Promise<number> {
  return (await db.loginAttempt.deleteMany({ where: { at: { lte: new Date(now.getTime() - olderThanMs) } } })).count;
}
