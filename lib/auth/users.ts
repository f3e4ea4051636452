import type { Actor } from "@/lib/audit";
import type { Db } from "@/lib/db";
import { toWellFormed } from "@/lib/http/body";
import { beginSignInAttempt, type ThrottleRules } from "./login-throttle";
import { generatePassword, hashPassword, verifyPassword } from "./passwords";
import { insertUser, insertUserUnlessExists, recordSignIn } from "./user-store";

/** E-mail addresses are stored and looked up trimmed, lowercased and well-formed (a lone surrogate, which the database refuses, becomes U+FFFD). */
export function normalizeEmail(email: string): string {
  return toWellFormed(email.trim().toLowerCase());
}

export const GENERATED_ADMIN_EMAIL = "admin@localhost";

/**
 * At start: a configured ADMIN_EMAIL/ADMIN_PASSWORD admin is created when no user has that e-mail,
 * and never overwritten (a password changed in the dashboard survives restarts). With nothing
 * configured and no user at all, an admin with a generated password is created and returned, so
 * the start can print it this once.
 */
export async function ensureFirstAdmin(
  db: Db,
  env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string },
): Promise<{ created: { email: string; password: string } | null; configuredEmail: string | null }> {
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    const email = normalizeEmail(env.ADMIN_EMAIL);
    if (!(await db.user.findUnique({ where: { email }, select: { id: true } }))) {
      const passwordHash = await hashPassword(env.ADMIN_PASSWORD);
      await insertUserUnlessExists(db, { email, passwordHash, role: "ADMIN", name: "Administrator" });
    }
    return { created: null, configuredEmail: email };
  }
  if (await db.user.findFirst({ select: { id: true } })) return { created: null, configuredEmail: null };
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const created = await db.$transaction(async (tx) => {
    if (await tx.user.findFirst({ select: { id: true } })) return false;
    await insertUser(tx, { email: GENERATED_ADMIN_EMAIL, passwordHash, role: "ADMIN", name: "Administrator" });
    return true;
  });
  return { created: created ? { email: GENERATED_ADMIN_EMAIL, password } : null, configuredEmail: null };
}

export type SignedInUser = {
  id: string;
  email: string;
  name: string | null;
  role: Actor["role"];
  sessionVersion: number;
};

export type SignInResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid-credentials"; message: string }
  | { ok: false; reason: "throttled"; message: string; retryAfterSeconds: number };

/** One message for an unknown e-mail, a disabled account and a wrong password: none is revealed. */
export const INVALID_CREDENTIALS_MESSAGE = "Invalid e-mail or password";

let decoyHash: Promise<string> | undefined;

/**
 * Checks an e-mail and password under the sign-in throttle (after the account's wait, if it has
 * one). An unknown e-mail still costs one scrypt, so response time does not tell which addresses
 * have accounts.
 */
export async function authenticate(
  db: Db,
  email: string,
  password: string,
  ip: string | null,
  options: { rules?: ThrottleRules } = {},
): Promise<SignInResult> {
  const normalized = normalizeEmail(email);
  const attempt = await beginSignInAttempt(db, { email: normalized, ip }, { rules: options.rules });
  if (!attempt.allowed)
    return { ok: false, reason: "throttled", message: attempt.message, retryAfterSeconds: attempt.retryAfterSeconds };
  if (attempt.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, attempt.delayMs));

  const user = await db.user.findUnique({ where: { email: normalized } });
  decoyHash ??= hashPassword("decoy password for unknown accounts");
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !matches || user.disabled) {
    attempt.failed();
    return { ok: false, reason: "invalid-credentials", message: INVALID_CREDENTIALS_MESSAGE };
  }

  await attempt.succeeded();
  await recordSignIn(db, user.id, new Date());
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}
