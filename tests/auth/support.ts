import { randomBytes } from "node:crypto";
import path from "node:path";
import { encode } from "next-auth/jwt";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/audit";
import { createTestDb, type TestDb } from "../support/test-db";

export const SITE = "http://localhost:3000";
export const SECRET = randomBytes(32).toString("base64url");

/**
 * A test database named by the environment, for modules that call getEnv()/getDb(): import them
 * dynamically after this.
 */
export function useAppEnvironment(): TestDb {
  const testDb = createTestDb();
  process.env.DATA_DIR = path.dirname(testDb.file);
  process.env.DATABASE_URL = `file:${testDb.file}`;
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = SITE;
  process.env.LOG_LEVEL = "silent";
  return testDb;
}

export async function createUser(db: Db, email: string, role: Actor["role"], options: { disabled?: boolean } = {}) {
  return db.user.create({
    data: { email, role, passwordHash: "scrypt$16384$8$1$unused$unused", disabled: options.disabled ?? false },
  });
}

/** The session cookie next-auth would set for this user after signing in. */
export async function sessionCookie(
  user: { id: string; email: string; role: Actor["role"]; sessionVersion?: number },
  secret = SECRET,
  signedInAt = Math.floor(Date.now() / 1000),
): Promise<string> {
  const claims = {
    sub: user.id,
    id: user.id,
    email: user.email,
    role: user.role,
    sessionVersion: user.sessionVersion ?? 0,
    signedInAt,
  };
  const token = await encode({ token: claims, secret, maxAge: 3600 });
  return `next-auth.session-token=${token}`;
}
