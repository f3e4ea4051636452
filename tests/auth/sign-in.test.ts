import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { accountDelayMs, beginSignInAttempt, LOGIN_THROTTLE, type ThrottleRules } from "@/lib/auth/login-throttle";
import { hashPassword } from "@/lib/auth/passwords";
import { authenticate } from "@/lib/auth/users";
import { createDb } from "@/lib/db";
import { createTestDb, type TestDb } from "../support/test-db";

let testDb: TestDb;
beforeEach(async () => {
  testDb = createTestDb();
  await testDb.db.user.create({
    data: { email: "oncall@example.com", passwordHash: await hashPassword("right-password"), role: "OPERATOR" },
  });
});
afterEach(async () => {
  await testDb.close();
});

const INVALID = { ok: false, reason: "invalid-credentials", message: "Invalid e-mail or password" };

async function failTimes(times: number, email: string, ip: string) {
  for (let i = 0; i < times; i++) expect(await authenticate(testDb.db, email, "wrong-password", ip)).toEqual(INVALID);
}

describe("authenticate", () => {
  it("signs in with the right password, case-insensitively on the e-mail, and records the time", async () => {
    const result = await authenticate(testDb.db, "  OnCall@Example.com ", "right-password", "10.0.0.1");
    expect(result).toEqual({
      ok: true,
      user: { id: expect.any(String), email: "oncall@example.com", name: null, role: "OPERATOR", sessionVersion: 0 },
    });
    const user = await testDb.db.user.findUniqueOrThrow({ where: { email: "oncall@example.com" } });
    expect(user.lastLoginAt).toBeInstanceOf(Date);
  });

  it("answers the same generic failure for a wrong password, an unknown e-mail and a disabled account", async () => {
    expect(await authenticate(testDb.db, "oncall@example.com", "wrong-password", "10.0.0.1")).toEqual(INVALID);
    expect(await authenticate(testDb.db, "nobody@example.com", "right-password", "10.0.0.1")).toEqual(INVALID);
    await testDb.db.user.update({ where: { email: "oncall@example.com" }, data: { disabled: true } });
    expect(await authenticate(testDb.db, "oncall@example.com", "right-password", "10.0.0.1")).toEqual(INVALID);
    const user = await testDb.db.user.findUniqueOrThrow({ where: { email: "oncall@example.com" } });
    expect(user.lastLoginAt).toBeNull();
  });
});

describe("sign-in throttle", () => {
  // The production rules with short waits, so that the tests run quickly.
  const FAST: ThrottleRules = { ...LOGIN_THROTTLE, delayBaseMs: 20, delayMaxMs: 100 };
  const attempt = (email: string, password: string, ip: string | null) =>
    authenticate(testDb.db, email, password, ip, { rules: FAST });

  it("makes each attempt on an account wait longer with each failure past five, up to ten seconds", () => {
    expect(Array.from({ length: 11 }, (_, failures) => accountDelayMs(failures, LOGIN_THROTTLE))).toEqual([
      0, 0, 0, 0, 0, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it("never locks an account out: after 30 failures from ten addresses, the right password from a fresh one gets in after the bounded wait", async () => {
    for (let i = 0; i < 30; i++)
      expect(await attempt("oncall@example.com", "wrong-password", `198.51.100.${i % 10}`)).toEqual(INVALID);
    const started = performance.now();
    expect(await attempt("OnCall@example.com", "right-password", "203.0.113.50")).toMatchObject({ ok: true });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(FAST.delayMaxMs - 5);
    expect(waited).toBeLessThan(FAST.delayMaxMs + 1000);
  });

  it("refuses an address after 5 failures on one account, and no one else", async () => {
    await failTimes(LOGIN_THROTTLE.perAccountFromIp, "oncall@example.com", "10.0.0.1");
    const refused = await attempt("oncall@example.com", "right-password", "10.0.0.1");
    expect(refused).toEqual({
      ok: false,
      reason: "throttled",
      message: "Too many failed sign-ins; try again in 15 minutes",
      retryAfterSeconds: expect.any(Number),
    });
    expect(await attempt("oncall@example.com", "right-password", "10.0.0.99")).toMatchObject({ ok: true });
  });

  it("limits one address to 20 failures across accounts", async () => {
    for (let i = 0; i < LOGIN_THROTTLE.perIp; i++) await failTimes(1, `guess${i}@example.com`, "203.0.113.7");
    expect(await attempt("oncall@example.com", "right-password", "203.0.113.7")).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect(await attempt("oncall@example.com", "right-password", "203.0.113.8")).toMatchObject({ ok: true });
  });

  it("clears the account's failures and its wait on a successful sign-in", async () => {
    for (let i = 0; i < 7; i++)
      expect(await attempt("oncall@example.com", "wrong-password", `192.0.2.${i}`)).toEqual(INVALID);
    const next = await beginSignInAttempt(testDb.db, { email: "oncall@example.com", ip: "192.0.2.200" });
    expect(next).toMatchObject({ allowed: true, delayMs: 4000 });
    expect(await attempt("oncall@example.com", "right-password", "192.0.2.201")).toMatchObject({ ok: true });
    expect(await beginSignInAttempt(testDb.db, { email: "oncall@example.com", ip: "192.0.2.202" })).toMatchObject({
      allowed: true,
      delayMs: 0,
    });
  });

  it("lets the address in again once its oldest failure leaves the window, and says how long to wait", async () => {
    const start = new Date("2026-11-22T10:00:00Z");
    const at = (minutes: number) => ({ now: new Date(start.getTime() + minutes * 60_000) });
    const who = { email: "oncall@example.com", ip: "10.0.0.1" };
    for (let minute = 0; minute < 5; minute++)
      expect(await beginSignInAttempt(testDb.db, who, at(minute))).toMatchObject({ allowed: true });
    expect(await beginSignInAttempt(testDb.db, who, at(10))).toEqual({
      allowed: false,
      retryAfterSeconds: 300,
      message: "Too many failed sign-ins; try again in 5 minutes",
    });
    expect(await beginSignInAttempt(testDb.db, who, at(14.5))).toMatchObject({
      allowed: false,
      message: "Too many failed sign-ins; try again in 1 minute",
    });
    expect(await beginSignInAttempt(testDb.db, who, at(15))).toMatchObject({ allowed: true });
  });

  it("cannot be outrun by parallel guesses from one address", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => attempt("oncall@example.com", "wrong-password", "10.0.0.1")),
    );
    expect(results.filter((result) => result.ok === false && result.reason === "invalid-credentials")).toHaveLength(
      LOGIN_THROTTLE.perAccountFromIp,
    );
    expect(results.filter((result) => result.ok === false && result.reason === "throttled")).toHaveLength(
      12 - LOGIN_THROTTLE.perAccountFromIp,
    );
  });

  it("still counts the failures after a restart (a new module instance and database client)", async () => {
    await failTimes(LOGIN_THROTTLE.perAccountFromIp, "oncall@example.com", "10.0.0.1");
    vi.resetModules();
    const fresh = await import("@/lib/auth/users");
    const db = createDb(testDb.file);
    try {
      expect(await fresh.authenticate(db, "oncall@example.com", "right-password", "10.0.0.1")).toMatchObject({
        ok: false,
        reason: "throttled",
      });
    } finally {
      await db.$disconnect();
    }
  });

  it("applies only the account's wait when the address is unknown", async () => {
    for (let i = 0; i < LOGIN_THROTTLE.perIp + 1; i++)
      expect(await attempt(`guess${i}@example.com`, "wrong-password", null)).toEqual(INVALID);
    expect(await attempt("oncall@example.com", "right-password", null)).toMatchObject({ ok: true });
  });

  it("counts a failure for an e-mail or address holding a lone surrogate instead of failing", async () => {
    expect(await attempt("\ud800@example.com", "wrong-password", "10.0.0.1")).toEqual(INVALID);
    expect(await testDb.db.loginAttempt.count({ where: { key: "account:\ufffd@example.com" } })).toBe(1);
  });

  it("raises one alert when an account reaches 10 failures in the window", async () => {
    for (let i = 0; i < 12; i++) await attempt("oncall@example.com", "wrong-password", `198.51.100.${i}`);
    // Raising is not awaited by the sign-in: the alert appears shortly after.
    const alerts = await vi.waitFor(async () => {
      const rows = await testDb.db.alert.findMany({ where: { type: "sign-in-failures" } });
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(alerts[0]).toMatchObject({
      severity: "WARNING",
      state: "OPEN",
      count: 1,
      subjectKind: "SYSTEM",
      subjectLabel: "Sign-ins to oncall@example.com",
      message: expect.stringContaining("10 failed sign-ins for oncall@example.com"),
    });
    expect(JSON.parse(alerts[0]!.details!)).toMatchObject({ email: "oncall@example.com" });
  });
});
