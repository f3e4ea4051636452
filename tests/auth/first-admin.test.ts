import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { ensureFirstAdmin, GENERATED_ADMIN_EMAIL } from "@/lib/auth/users";
import { createTestDb, type TestDb } from "../support/test-db";

let testDb: TestDb;
beforeEach(() => {
  testDb = createTestDb();
});
afterEach(async () => {
  await testDb.close();
});

describe("the first admin", () => {
  it("creates the configured admin once and never overwrites it", async () => {
    const { db } = testDb;
    const first = await ensureFirstAdmin(db, { ADMIN_EMAIL: "Boss@Example.com", ADMIN_PASSWORD: "first-password" });
    expect(first).toEqual({ created: null, configuredEmail: "boss@example.com" });
    const admin = await db.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
    expect(admin.role).toBe("ADMIN");
    expect(await verifyPassword("first-password", admin.passwordHash)).toBe(true);

    // Changed in the dashboard afterwards (here: demoted); a restart with another password keeps it.
    await db.user.update({ where: { id: admin.id }, data: { role: "OPERATOR" } });
    await ensureFirstAdmin(db, { ADMIN_EMAIL: "boss@example.com", ADMIN_PASSWORD: "second-password" });
    const after = await db.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
    expect(after).toMatchObject({ id: admin.id, role: "OPERATOR", passwordHash: admin.passwordHash });
    expect(await db.user.count()).toBe(1);
  });

  it("adds the configured admin beside existing users when none has that e-mail", async () => {
    const { db } = testDb;
    await db.user.create({ data: { email: "viewer@example.com", passwordHash: "x", role: "VIEWER" } });
    await ensureFirstAdmin(db, { ADMIN_EMAIL: "new-admin@example.com", ADMIN_PASSWORD: "a-good-password" });
    expect(await db.user.findUnique({ where: { email: "new-admin@example.com" } })).toMatchObject({ role: "ADMIN" });
  });

  it("generates an admin with a printable password when nothing is configured and no user exists", async () => {
    const { db } = testDb;
    const result = await ensureFirstAdmin(db, {});
    expect(result.configuredEmail).toBeNull();
    expect(result.created).toEqual({ email: GENERATED_ADMIN_EMAIL, password: expect.any(String) });
    const admin = await db.user.findUniqueOrThrow({ where: { email: GENERATED_ADMIN_EMAIL } });
    expect(admin.role).toBe("ADMIN");
    expect(await verifyPassword(result.created!.password, admin.passwordHash)).toBe(true);

    // The next start prints nothing and creates nothing.
    expect(await ensureFirstAdmin(db, {})).toEqual({ created: null, configuredEmail: null });
    expect(await db.user.count()).toBe(1);
  });

  it("generates nothing when users already exist", async () => {
    const { db } = testDb;
    await db.user.create({ data: { email: "someone@example.com", passwordHash: "x", role: "OPERATOR" } });
    expect(await ensureFirstAdmin(db, {})).toEqual({ created: null, configuredEmail: null });
    expect(await db.user.count()).toBe(1);
  });
});
