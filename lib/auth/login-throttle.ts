import { raiseAlert } from "@/lib/alerts";
import type { Db } from "@/lib/db";
import {
  countFailures,
  forgetFailures,
  purgeFailures,
  recordFailures,
  secondsUntilBelowLimit,
} from "@/lib/throttle/failure-log";

/**
 * Sign-in throttling that slows guessing without letting anyone lock a person out: an address is
 * refused after too many failures (across accounts, or on one account), while an account only makes
 * every attempt on it wait, a little longer with each failure, up to a bound. The right password
 * from an address that has not been guessing therefore always gets in, after at most that wait.
 */
export type ThrottleRules = {
  windowMs: number;
  /** Failures one address may make, across accounts, before it is refused. */
  perIp: number;
  /** Failures one address may make on one account before it is refused for that account. */
  perAccountFromIp: number;
  /** From this many failures on an account (from anywhere), each attempt on it waits: base, doubling, up to max. */
  delayAfter: number;
  delayBaseMs: number;
  delayMaxMs: number;
  /** The failure on an account that raises an alert. */
  alertAt: number;
};

export const LOGIN_THROTTLE: ThrottleRules = {
  windowMs: 15 * 60_000,
  perIp: 20,
  perAccountFromIp: 5,
  delayAfter: 5,
  delayBaseMs: 1000,
  delayMaxMs: 10_000,
  alertAt: 10,
};

export type SignInAttempt =
  | {
      allowed: true;
      /** How long to wait before checking the password. */
      delayMs: number;
      /** Clears the account's failures and un-counts this attempt for the address. */
      succeeded(): Promise<void>;
      /** Keeps the attempt counted; the failure that makes a burst raises an alert. */
      failed(): void;
    }
  | { allowed: false; retryAfterSeconds: number; message: string };

const accountKey = (email: string) => `account:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;
const accountFromIpKey = (email: string, ip: string) => `account-ip:${email}|${ip}`;

export function throttleMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The wait before an attempt on an account that has `failures` failures in the window. */
export function accountDelayMs(failures: number, rules: ThrottleRules): number {
  if (failures < rules.delayAfter) return 0;
  return Math.min(rules.delayMaxMs, rules.delayBaseMs * 2 ** (failures - rules.delayAfter));
}

/**
 * Starts a sign-in attempt (e-mail already normalized). It is recorded as a failure before the
 * password is checked and only un-counted on success, so parallel guesses cannot slip past a limit
 * while each one's scrypt runs, and the counts survive restarts in the database. A refused attempt
 * records nothing. Without a known address only the account's wait applies.
 */
export async function beginSignInAttempt(
  db: Db,
  who: { email: string; ip: string | null },
  options: { now?: Date; rules?: ThrottleRules } = {},
): Promise<SignInAttempt> {
  const now = options.now ?? new Date();
  const rules = options.rules ?? LOGIN_THROTTLE;
  const since = new Date(now.getTime() - rules.windowMs);
  const limits = who.ip
    ? [
        { key: ipKey(who.ip), limit: rules.perIp },
        { key: accountFromIpKey(who.email, who.ip), limit: rules.perAccountFromIp },
      ]
    : [];

  const outcome = await db.$transaction(async (tx) => {
    let retryAfterSeconds = 0;
    for (const { key, limit } of limits)
      retryAfterSeconds = Math.max(retryAfterSeconds, await secondsUntilBelowLimit(tx, key, limit, since));
    if (retryAfterSeconds > 0) return { refused: true as const, retryAfterSeconds };
    const accountFailures = await countFailures(tx, accountKey(who.email), since);
    const ids = await recordFailures(tx, [accountKey(who.email), ...limits.map((limit) => limit.key)], now);
    return { refused: false as const, ids, accountFailures };
  });

  if (outcome.refused)
    return {
      allowed: false,
      retryAfterSeconds: outcome.retryAfterSeconds,
      message: throttleMessage(outcome.retryAfterSeconds),
    };
  return {
    allowed: true,
    delayMs: accountDelayMs(outcome.accountFailures, rules),
    succeeded: async () => {
      // The address keeps its failures at other accounts: one good password must not wipe its guesses.
      const keys = [accountKey(who.email), ...(who.ip ? [accountFromIpKey(who.email, who.ip)] : [])];
      await forgetFailures(db, keys, outcome.ids);
    },
    failed: () => {
      if (outcome.accountFailures + 1 !== rules.alertAt) return;
      // Not awaited: the answer to the person signing in never waits for alerting.
      void raiseAlert(db, {
        type: "sign-in-failures",
        subject: { kind: "system", id: `sign-in:${who.email}`, label: `Sign-ins to ${who.email}`, link: "/audit" },
        message: `${rules.alertAt} failed sign-ins for ${who.email} within ${Math.round(rules.windowMs / 60_000)} minutes: someone may be guessing its password. Check the audit log; change the password if in doubt.`,
        details: { email: who.email, lastIp: who.ip },
      });
    },
  };
}

/** Failure records older than the window: kept no longer than they count. */
export function purgeOldSignInFailures(db: Db, now = new Date()): Promise<number> {
  return purgeFailures(db, LOGIN_THROTTLE.windowMs, now);
}
