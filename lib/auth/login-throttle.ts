import type { Db, Prisma } from "@/lib/db";

/** Failed sign-ins allowed within a sliding window, per account and per client IP. */
export type ThrottleRules = { windowMs: number; perAccount: number; perIp: number };

export const LOGIN_THROTTLE: ThrottleRules = { windowMs: 15 * 60_000, perAccount: 5, perIp: 20 };

export type SignInAttempt =
  | { allowed: true; /** Clears the account's failures and un-counts this attempt for the IP. */ succeeded(): Promise<void> }
  | { allowed: false; retryAfterSeconds: number; message: string };

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

type Tx = Prisma.TransactionClient;

/**
 * Seconds until `key` drops below its limit: until the failure that keeps it there leaves the
 * window, i.e. its age beyond the window start (at + window - now = at - since).
 */
async function secondsUntilBelowLimit(tx: Tx, key: string, excess: number, since: Date): Promise<number> {
  const blocking = await tx.loginAttempt.findFirst({ where: { key, at: { gt: since } }, orderBy: { at: "asc" }, skip: excess, select: { at: true } });
  return Math.max(1, Math.ceil(((blocking?.at.getTime() ?? since.getTime()) - since.getTime()) / 1000));
}

export function throttleMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/**
 * Starts a sign-in attempt. The attempt is recorded as a failure before the password is checked
 * and only un-counted on success: parallel guesses cannot slip past the limit while each one's
 * scrypt runs, and the count survives restarts because it lives in the database.
 * A refused attempt records nothing, so hammering a locked account does not extend its lock.
 * Without a known IP only the account limit applies (one shared "unknown" bucket would let
 * anyone lock everybody out).
 */
export async function beginSignInAttempt(
  db: Db,
  who: { email: string; ip: string | null },
  options: { now?: Date; rules?: ThrottleRules } = {},
): Promise<SignInAttempt> {
  const now = options.now ?? new Date();
  const rules = options.rules ?? LOGIN_THROTTLE;
  const since = new Date(now.getTime() - rules.windowMs);
  const limits = [{ key: accountKey(who.email), limit: rules.perAccount }, ...(who.ip ? [{ key: ipKey(who.ip), limit: rules.perIp }] : [])];

  const outcome = await db.$transaction(async (tx) => {
    await tx.loginAttempt.deleteMany({ where: { at: { lte: since } } });
    let retryAfterSeconds = 0;
    for (const { key, limit } of limits) {
      const count = await tx.loginAttempt.count({ where: { key, at: { gt: since } } });
      if (count >= limit) retryAfterSeconds = Math.max(retryAfterSeconds, await secondsUntilBelowLimit(tx, key, count - limit, since));
    }
    if (retryAfterSeconds > 0) return { refused: true as const, retryAfterSeconds };
    const ids: number[] = [];
    for (const { key } of limits) ids.push((await tx.loginAttempt.create({ data: { key, at: now }, select: { id: true } })).id);
    return { refused: false as const, ids };
  });

  if (outcome.refused) return { allowed: false, retryAfterSeconds: outcome.retryAfterSeconds, message: throttleMessage(outcome.retryAfterSeconds) };
  return {
    allowed: true,
    succeeded: async () => {
      // The IP keeps its other failures: one good password must not wipe an address's guesses at other accounts.
      await db.loginAttempt.deleteMany({ where: { OR: [{ key: accountKey(who.email) }, { id: { in: outcome.ids } }] } });
    },
  };
}
