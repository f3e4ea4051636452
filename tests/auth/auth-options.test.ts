import type { AuthOptions, Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generatePassword, hashPassword } from "@/lib/auth/passwords";
import { GENERATED_ADMIN_EMAIL } from "@/lib/auth/users";
import type { TestDb } from "../support/test-db";
import { SITE, useAppEnvironment } from "./support";

let testDb: TestDb;
let options: AuthOptions;
let authorize: CredentialsConfig["authorize"];
let operatorId: string;

beforeAll(async () => {
  testDb = useAppEnvironment();
  const { buildAuthOptions } = await import("@/lib/auth/options");
  options = buildAuthOptions();
  // next-auth's Credentials() keeps the user's settings under `options` and merges them at run time.
  authorize = (options.providers[0] as CredentialsConfig).options.authorize;
  operatorId = (
    await testDb.db.user.create({
      data: { email: "oncall@example.com", passwordHash: await hashPassword("right-password"), role: "OPERATOR" },
    })
  ).id;
});
afterAll(async () => {
  await testDb.close();
});

const headers = (ip: string) => ({ "x-forwarded-for": `${ip}, 10.0.0.1`, "user-agent": "vitest" });
const signIn = (email: string, password: string, ip = "192.0.2.1") =>
  authorize({ email, password }, { headers: headers(ip), method: "POST", body: {}, query: {} });

type JwtParams = Parameters<NonNullable<NonNullable<AuthOptions["callbacks"]>["jwt"]>>[0];
type SessionParams = Parameters<NonNullable<NonNullable<AuthOptions["callbacks"]>["session"]>>[0];
// On a session read next-auth calls jwt() with the stored token only.
const refresh = (token: JWT) => options.callbacks!.jwt!({ token } as JwtParams);

describe("next-auth options", () => {
  it("uses 12-hour JWT sessions, tokens that expire with them, the configured secret, /login, and plain cookies over http", () => {
    expect(options.session).toEqual({ strategy: "jwt", maxAge: 12 * 60 * 60 });
    expect(options.jwt).toEqual({ maxAge: 12 * 60 * 60 });
    expect(options.secret).toBe(process.env.NEXTAUTH_SECRET);
    expect(options.pages).toEqual({ signIn: "/login" });
    expect(options.useSecureCookies).toBe(false);
  });

  it("uses secure cookies when NEXTAUTH_URL is https", async () => {
    vi.resetModules();
    process.env.NEXTAUTH_URL = "https://dropship.example";
    try {
      const { buildAuthOptions } = await import("@/lib/auth/options");
      expect(buildAuthOptions().useSecureCookies).toBe(true);
    } finally {
      process.env.NEXTAUTH_URL = SITE;
    }
  });

  it("signs in with the right e-mail and password", async () => {
    expect(await signIn("OnCall@example.com", "right-password")).toEqual({
      id: operatorId,
      email: "oncall@example.com",
      name: null,
      role: "OPERATOR",
      sessionVersion: 0,
    });
  });

  it("signs in the generated first admin, whose address has no dotted domain", async () => {
    const password = generatePassword();
    await testDb.db.user.create({
      data: { email: GENERATED_ADMIN_EMAIL, role: "ADMIN", passwordHash: await hashPassword(password) },
    });
    expect(await signIn("admin@localhost", password)).toMatchObject({ email: "admin@localhost", role: "ADMIN" });
  });

  it("refuses a wrong password or a malformed e-mail with the generic message", async () => {
    await expect(signIn("oncall@example.com", "wrong")).rejects.toThrow("Invalid e-mail or password");
    await expect(signIn("not-an-email", "whatever")).rejects.toThrow("Invalid e-mail or password");
  });

  it("shows the throttle message once an address has 5 failures on the account", async () => {
    await testDb.db.loginAttempt.deleteMany();
    for (let i = 0; i < 5; i++)
      await expect(signIn("oncall@example.com", "wrong")).rejects.toThrow("Invalid e-mail or password");
    await expect(signIn("oncall@example.com", "right-password")).rejects.toThrow(
      "Too many failed sign-ins; try again in 15 minutes",
    );
    await testDb.db.loginAttempt.deleteMany();
  });

  it("throttles by the first X-Forwarded-For hop", async () => {
    for (let i = 0; i < 20; i++)
      await expect(signIn(`guess${i}@example.com`, "wrong", "198.51.100.1")).rejects.toThrow(
        "Invalid e-mail or password",
      );
    expect(await testDb.db.loginAttempt.count({ where: { key: "ip:198.51.100.1" } })).toBe(20);
    await expect(signIn("oncall@example.com", "right-password", "198.51.100.1")).rejects.toThrow(
      "Too many failed sign-ins",
    );
    expect(await signIn("oncall@example.com", "right-password", "198.51.100.2")).toMatchObject({ id: operatorId });
  });

  it("puts id, e-mail, role, session version and sign-in time into the token, and id, e-mail and role into the session", async () => {
    const user = {
      id: operatorId,
      email: "oncall@example.com",
      name: null,
      role: "OPERATOR" as const,
      sessionVersion: 0,
    };
    const before = Math.floor(Date.now() / 1000);
    const token = await options.callbacks!.jwt!({
      token: { sub: operatorId, email: user.email },
      user,
      account: null,
      trigger: "signIn",
    });
    expect(token).toMatchObject({
      sub: operatorId,
      id: operatorId,
      email: "oncall@example.com",
      role: "OPERATOR",
      sessionVersion: 0,
    });
    expect(token.signedInAt).toBeGreaterThanOrEqual(before);
    const session = await options.callbacks!.session!({
      session: { expires: "2030-01-01T00:00:00.000Z", user: {} },
      token,
    } as unknown as SessionParams);
    expect((session as Session).user).toEqual({ id: operatorId, email: "oncall@example.com", role: "OPERATOR" });
  });

  const now = () => Math.floor(Date.now() / 1000);
  const tokenOf = (claims: Partial<JWT> = {}): JWT => ({
    sub: operatorId,
    id: operatorId,
    email: "oncall@example.com",
    role: "OPERATOR",
    sessionVersion: 0,
    signedInAt: now(),
    ...claims,
  });

  it("re-reads the role on every session read and ends the session of a disabled user", async () => {
    const token = tokenOf();
    await testDb.db.user.update({ where: { id: operatorId }, data: { role: "VIEWER" } });
    expect(await refresh(token)).toMatchObject({ role: "VIEWER" });
    await testDb.db.user.update({ where: { id: operatorId }, data: { disabled: true } });
    await expect(refresh(token)).rejects.toThrow("session ended");
    await testDb.db.user.update({ where: { id: operatorId }, data: { disabled: false, role: "OPERATOR" } });
    await expect(refresh({ ...token, id: "no-such-user" })).rejects.toThrow("session ended");
  });

  it("ends a session issued under an older session version, one signed in 12 hours ago, and one without those claims", async () => {
    await testDb.db.user.update({ where: { id: operatorId }, data: { sessionVersion: 1 } });
    await expect(refresh(tokenOf())).rejects.toThrow("session ended");
    expect(await refresh(tokenOf({ sessionVersion: 1 }))).toMatchObject({ role: "OPERATOR" });
    expect(await refresh(tokenOf({ sessionVersion: 1, signedInAt: now() - 12 * 3600 + 60 }))).toMatchObject({
      role: "OPERATOR",
    });
    await expect(refresh(tokenOf({ sessionVersion: 1, signedInAt: now() - 12 * 3600 }))).rejects.toThrow(
      "session ended",
    );
    await expect(
      refresh({ sub: operatorId, id: operatorId, email: "oncall@example.com", role: "OPERATOR" }),
    ).rejects.toThrow("session ended");
    await testDb.db.user.update({ where: { id: operatorId }, data: { sessionVersion: 0 } });
  });
});
