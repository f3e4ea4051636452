import fs from "node:fs";
import path from "node:path";
import { decode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUser, listUsers, resetUserPassword, updateUser } from "@/lib/admin/users";
import type { Actor } from "@/lib/audit";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { adminCall, signIn } from "../support/admin-session";
import { startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import { createTestDb, type TestDb } from "../support/test-db";

/** Four dash-separated groups of five readable characters, as lib/auth/passwords.ts generates. */
const GENERATED_PASSWORD = /^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/;

async function expectRefused(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await expect(promise).rejects.toMatchObject({
    code,
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });
}

describe("users (lib)", () => {
  let testDb: TestDb;
  let admin: Actor;

  beforeEach(async () => {
    testDb = createTestDb();
    const row = await testDb.db.user.create({
      data: { email: "admin@example.com", role: "ADMIN", passwordHash: await hashPassword("admin-password-1") },
    });
    admin = { id: row.id, email: row.email, role: "ADMIN", ip: "198.51.100.4", userAgent: "vitest" };
  });
  afterEach(() => testDb.close());

  it("creates an account with a normalised e-mail and a generated password that matches its hash", async () => {
    const { db } = testDb;
    const created = await createUser(db, admin, {
      email: "  New.Person@Example.COM ",
      name: "New Person",
      role: "OPERATOR",
    });
    expect(created.user).toMatchObject({
      email: "new.person@example.com",
      name: "New Person",
      role: "OPERATOR",
      disabled: false,
      lastLoginAt: null,
    });
    expect(created.oneTimePassword).toMatch(GENERATED_PASSWORD);
    const stored = await db.user.findUniqueOrThrow({ where: { email: "new.person@example.com" } });
    expect(await verifyPassword(created.oneTimePassword, stored.passwordHash)).toBe(true);
    expect((await listUsers(db)).items.map((user) => user.email)).toEqual([
      "admin@example.com",
      "new.person@example.com",
    ]);
    expect(JSON.stringify(await listUsers(db))).not.toContain(stored.passwordHash);
  });

  it("refuses an e-mail already in use, whatever its case, on the e-mail field", async () => {
    const { db } = testDb;
    await expectRefused(createUser(db, admin, { email: "ADMIN@example.com", role: "VIEWER" }), "CONFLICT");
    await expect(createUser(db, admin, { email: "Admin@Example.com", role: "VIEWER" })).rejects.toMatchObject({
      status: 409,
      fieldErrors: { email: [expect.any(String)] },
    });
    expect(await db.user.count()).toBe(1);
  });

  it("never lets an admin demote or disable themselves", async () => {
    const { db } = testDb;
    await db.user.create({ data: { email: "second@example.com", role: "ADMIN", passwordHash: "x" } });
    await expectRefused(updateUser(db, admin, admin.id, { role: "OPERATOR" }), "CONFLICT", /your own account/);
    await expectRefused(updateUser(db, admin, admin.id, { disabled: true }), "CONFLICT", /your own account/);
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: "ADMIN",
      disabled: false,
    });
  });

  it("never demotes or disables the last active admin", async () => {
    const { db } = testDb;
    const other = await db.user.create({ data: { email: "other@example.com", role: "ADMIN", passwordHash: "x" } });
    // The acting admin was disabled a moment ago (by another request): `other` is now the only active admin.
    await db.user.update({ where: { id: admin.id }, data: { disabled: true } });
    await expectRefused(updateUser(db, admin, other.id, { role: "VIEWER" }), "LAST_ADMIN", /last active admin/);
    await expectRefused(updateUser(db, admin, other.id, { disabled: true }), "LAST_ADMIN");

    await db.user.update({ where: { id: admin.id }, data: { disabled: false } });
    expect(await updateUser(db, admin, other.id, { role: "VIEWER" })).toMatchObject({ role: "VIEWER" });
  });

  it("audits each effective change, and nothing for a change that changes nothing", async () => {
    const { db } = testDb;
    const { user } = await createUser(db, admin, { email: "viewer@example.com", role: "VIEWER" });
    await updateUser(db, admin, user.id, { role: "OPERATOR", disabled: true });
    await updateUser(db, admin, user.id, { role: "OPERATOR", disabled: true });
    await updateUser(db, admin, user.id, { disabled: false });

    const audit = await db.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.targetId, row.actorEmail, row.ip])).toEqual([
      ["user.create", user.id, admin.email, admin.ip],
      ["user.role", user.id, admin.email, admin.ip],
      ["user.disable", user.id, admin.email, admin.ip],
      ["user.enable", user.id, admin.email, admin.ip],
    ]);
    expect(JSON.parse(audit[1]!.details!)).toEqual({ email: "viewer@example.com", from: "VIEWER", to: "OPERATOR" });
  });

  it("resets a password: the old one stops matching, the new one is returned once", async () => {
    const { db } = testDb;
    const created = await createUser(db, admin, { email: "ops@example.com", role: "OPERATOR" });
    const reset = await resetUserPassword(db, admin, created.user.id);
    expect(reset.oneTimePassword).toMatch(GENERATED_PASSWORD);
    expect(reset.oneTimePassword).not.toBe(created.oneTimePassword);
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: created.user.id } });
    expect(await verifyPassword(created.oneTimePassword, passwordHash)).toBe(false);
    expect(await verifyPassword(reset.oneTimePassword, passwordHash)).toBe(true);
    expect(await db.auditLog.count({ where: { action: "user.reset_password", targetId: created.user.id } })).toBe(1);
    await expectRefused(resetUserPassword(db, admin, "no-such-user"), "NOT_FOUND");
  });
});

describe("users over HTTP", () => {
  let sandbox: Sandbox;
  let app: App;
  let adminCookie: string;
  const passwords: string[] = [];

  async function create(body: Record<string, unknown>) {
    const answer = await adminCall(app, adminCookie, "POST", "/api/admin/users", body);
    expect(answer.status).toBe(201);
    const created = answer.body as { user: { id: string; email: string; role: string }; oneTimePassword: string };
    passwords.push(created.oneTimePassword);
    return created;
  }

  beforeAll(async () => {
    ({ sandbox, app } = await startAppWithSandbox());
    await app.db.user.create({
      data: { email: "admin@example.com", role: "ADMIN", passwordHash: await hashPassword("admin-password-1") },
    });
    adminCookie = await signIn(app, "admin@example.com", "admin-password-1");
  });
  afterAll(() => stopAppWithSandbox({ app, sandbox }));

  /** What next-auth's own session endpoint makes of a cookie: `{}` once the session has ended. */
  async function sessionOf(cookie: string): Promise<unknown> {
    return (await fetch(`${app.url}/api/auth/session`, { headers: { Cookie: cookie } })).json();
  }

  it("creates a user whose one-time password signs in, with the role given", async () => {
    const created = await create({ email: "Operator@Example.com", name: "On call", role: "OPERATOR" });
    expect(created.user).toMatchObject({ email: "operator@example.com", role: "OPERATOR" });
    const cookie = await signIn(app, "operator@example.com", created.oneTimePassword);
    expect(await adminCall(app, cookie, "GET", "/api/admin/me")).toMatchObject({
      status: 200,
      body: { email: "operator@example.com", role: "OPERATOR" },
    });

    const listed = await adminCall(app, adminCookie, "GET", "/api/admin/users");
    expect(listed.status).toBe(200);
    const row = (listed.body as { items: Array<Record<string, unknown>> }).items.find(
      (user) => user.id === created.user.id,
    );
    expect(row).toMatchObject({
      email: "operator@example.com",
      name: "On call",
      role: "OPERATOR",
      disabled: false,
      lastLoginAt: expect.any(String),
    });
    expect(Object.keys(row!).sort()).toEqual(["createdAt", "disabled", "email", "id", "lastLoginAt", "name", "role"]);
  });

  it("answers 409 on the e-mail field for an address already in use", async () => {
    await create({ email: "taken@example.com", role: "VIEWER" });
    const answer = await adminCall(app, adminCookie, "POST", "/api/admin/users", {
      email: " TAKEN@example.com",
      role: "ADMIN",
    });
    expect(answer).toMatchObject({
      status: 409,
      body: { code: "CONFLICT", fieldErrors: { email: ["This e-mail already has an account"] } },
    });
  });

  it("names the fields that are not valid", async () => {
    const answer = await adminCall(app, adminCookie, "POST", "/api/admin/users", {
      email: "not-an-address",
      role: "OWNER",
    });
    expect(answer).toMatchObject({
      status: 400,
      body: {
        code: "VALIDATION_FAILED",
        fieldErrors: { email: ["Enter a valid e-mail address"], role: ["Choose ADMIN, OPERATOR or VIEWER"] },
      },
    });
    expect(await adminCall(app, adminCookie, "PATCH", `/api/admin/users/anything`, {})).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED" },
    });
  });

  it("keeps every users endpoint from operators and viewers, reading included", async () => {
    const operator = await create({ email: "oncall@example.com", role: "OPERATOR" });
    const viewer = await create({ email: "watcher@example.com", role: "VIEWER" });
    for (const who of [operator, viewer]) {
      const cookie = await signIn(app, who.user.email, who.oneTimePassword);
      expect(await adminCall(app, cookie, "GET", "/api/admin/users")).toMatchObject({
        status: 403,
        body: { code: "FORBIDDEN" },
      });
      expect(
        (await adminCall(app, cookie, "POST", "/api/admin/users", { email: "x@example.com", role: "ADMIN" })).status,
      ).toBe(403);
      expect((await adminCall(app, cookie, "PATCH", `/api/admin/users/${who.user.id}`, { role: "ADMIN" })).status).toBe(
        403,
      );
      expect((await adminCall(app, cookie, "POST", `/api/admin/users/${who.user.id}/reset-password`)).status).toBe(403);
    }
    expect(await app.db.user.count({ where: { email: "x@example.com" } })).toBe(0);
    expect((await app.db.user.findUniqueOrThrow({ where: { id: viewer.user.id } })).role).toBe("VIEWER");
  });

  it("refuses an admin demoting or disabling themselves with 409", async () => {
    const me = await app.db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    for (const change of [{ role: "VIEWER" }, { disabled: true }]) {
      expect(await adminCall(app, adminCookie, "PATCH", `/api/admin/users/${me.id}`, change)).toMatchObject({
        status: 409,
        body: { code: "CONFLICT" },
      });
    }
    expect(await adminCall(app, adminCookie, "GET", "/api/admin/me")).toMatchObject({
      status: 200,
      body: { role: "ADMIN" },
    });
  });

  it("ends a user's open sessions at once on a role change, and on disabling; enabling again revives none", async () => {
    const created = await create({ email: "leaver@example.com", role: "VIEWER" });
    const cookie = await signIn(app, created.user.email, created.oneTimePassword);
    expect((await adminCall(app, cookie, "GET", "/api/admin/orders")).status).toBe(200);

    expect(
      await adminCall(app, adminCookie, "PATCH", `/api/admin/users/${created.user.id}`, { role: "OPERATOR" }),
    ).toMatchObject({ status: 200, body: { user: { role: "OPERATOR" } } });
    expect(await adminCall(app, cookie, "GET", "/api/admin/me")).toMatchObject({
      status: 401,
      body: { code: "UNAUTHORIZED" },
    });
    const promoted = await signIn(app, created.user.email, created.oneTimePassword);
    expect(await adminCall(app, promoted, "GET", "/api/admin/me")).toMatchObject({
      status: 200,
      body: { role: "OPERATOR" },
    });

    expect(
      await adminCall(app, adminCookie, "PATCH", `/api/admin/users/${created.user.id}`, { disabled: true }),
    ).toMatchObject({ status: 200, body: { user: { disabled: true } } });
    expect(await adminCall(app, promoted, "GET", "/api/admin/orders")).toMatchObject({
      status: 401,
      body: { code: "UNAUTHORIZED" },
    });
    await expect(signIn(app, created.user.email, created.oneTimePassword)).rejects.toThrow(/sign-in failed/);

    expect(
      (await adminCall(app, adminCookie, "PATCH", `/api/admin/users/${created.user.id}`, { disabled: false })).status,
    ).toBe(200);
    expect((await adminCall(app, promoted, "GET", "/api/admin/orders")).status).toBe(401);
    expect(await sessionOf(promoted)).toEqual({});
    const fresh = await signIn(app, created.user.email, created.oneTimePassword);
    expect((await adminCall(app, fresh, "GET", "/api/admin/orders")).status).toBe(200);
  });

  it("resets a password: the old one is refused, the new one signs in, and sessions open before end", async () => {
    const created = await create({ email: "forgetful@example.com", role: "VIEWER" });
    const before = await signIn(app, created.user.email, created.oneTimePassword);
    const answer = await adminCall(app, adminCookie, "POST", `/api/admin/users/${created.user.id}/reset-password`);
    expect(answer).toMatchObject({
      status: 200,
      body: { user: { id: created.user.id }, oneTimePassword: expect.stringMatching(GENERATED_PASSWORD) },
    });
    const { oneTimePassword } = answer.body as { oneTimePassword: string };
    passwords.push(oneTimePassword);
    expect((await adminCall(app, before, "GET", "/api/admin/orders")).status).toBe(401);
    expect(await sessionOf(before)).toEqual({});
    await expect(signIn(app, created.user.email, created.oneTimePassword)).rejects.toThrow(/sign-in failed/);
    const after = await signIn(app, created.user.email, oneTimePassword);
    expect((await adminCall(app, after, "GET", "/api/admin/orders")).status).toBe(200);
    expect(await adminCall(app, adminCookie, "POST", "/api/admin/users/no-such-user/reset-password")).toMatchObject({
      status: 404,
      body: { code: "NOT_FOUND" },
    });
  });

  it("issues session tokens that expire with the session, 12 hours after sign-in", async () => {
    const cookie = adminCookie;
    const secret = fs.readFileSync(path.join(app.dataDir, "secrets", "NEXTAUTH_SECRET"), "utf8").trim();
    const token = await decode({ token: cookie.slice(cookie.indexOf("=") + 1), secret });
    expect(Number(token?.exp) - Number(token?.iat)).toBe(12 * 60 * 60);
    const { sessionCookie } = await import("../auth/support");
    const admin = await app.db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const stale = await sessionCookie(admin, secret, Math.floor(Date.now() / 1000) - 12 * 60 * 60 - 1);
    expect((await adminCall(app, stale, "GET", "/api/admin/orders")).status).toBe(401);
  });

  it("audits every change with the admin and their address, and never a password", async () => {
    const audit = await app.db.auditLog.findMany({ where: { action: { startsWith: "user." } } });
    expect(new Set(audit.map((row) => row.action))).toEqual(
      new Set(["user.create", "user.role", "user.disable", "user.enable", "user.reset_password"]),
    );
    for (const row of audit)
      expect(row).toMatchObject({ actorEmail: "admin@example.com", ip: expect.any(String), targetType: "user" });
    const everything = JSON.stringify(await app.db.auditLog.findMany());
    expect(passwords.length).toBeGreaterThanOrEqual(6);
    for (const password of passwords) {
      expect(everything).not.toContain(password);
      expect(app.output()).not.toContain(password);
    }
  });
});
