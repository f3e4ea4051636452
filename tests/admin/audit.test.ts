import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditQuerySchema, listAuditLog } from "@/lib/admin/audit-log";
import { hashPassword } from "@/lib/auth/passwords";
import type { Db } from "@/lib/db";
import { adminCall, signIn } from "../support/admin-session";
import { startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import { createTestDb, type TestDb } from "../support/test-db";

type Seed = {
  at: string;
  actorEmail?: string;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: string;
  reason?: string;
};

const SEEDS: Seed[] = [
  {
    at: "2026-11-20T09:00:00Z",
    actorEmail: "admin@example.com",
    action: "user.create",
    targetType: "user",
    targetId: "u-1",
    details: '{"email":"ops@example.com","role":"OPERATOR"}',
  },
  {
    at: "2026-11-21T10:00:00Z",
    actorEmail: "admin@example.com",
    action: "user.role",
    targetType: "user",
    targetId: "u-1",
  },
  {
    at: "2026-11-21T23:59:59Z",
    actorEmail: "Ops@Example.com",
    action: "order.retry-fulfillment",
    targetType: "order",
    targetId: "o-1",
    reason: "topped up",
  },
  { at: "2026-11-22T08:00:00Z", actorEmail: "ops@example.com", action: "users.something-else", details: "not json" },
  {
    at: "2026-11-23T12:00:00Z",
    actorEmail: "admin@example.com",
    action: "selling.pause",
    targetType: "setting",
    targetId: "sellingPaused",
  },
];

async function seed(db: Db): Promise<void> {
  for (const row of SEEDS)
    await db.auditLog.create({ data: { ...row, at: new Date(row.at), ip: "192.0.2.1", userAgent: "Mozilla/5.0" } });
}

describe("audit log (lib)", () => {
  let testDb: TestDb;
  const list = (query: Record<string, string> = {}) => listAuditLog(testDb.db, auditQuerySchema.parse(query));
  const actions = async (query: Record<string, string>) => (await list(query)).items.map((entry) => entry.action);

  beforeEach(async () => {
    testDb = createTestDb();
    await seed(testDb.db);
  });
  afterEach(() => testDb.close());

  it("lists newest first, with details parsed and every field of who, what, when and from where", async () => {
    const page = await list();
    expect(page).toMatchObject({ page: 1, pageSize: 25, total: 5 });
    expect(page.items.map((entry) => entry.at)).toEqual(SEEDS.map((row) => new Date(row.at).toISOString()).reverse());
    expect(page.items.at(-1)).toEqual({
      id: expect.any(Number),
      at: "2026-11-20T09:00:00.000Z",
      actorEmail: "admin@example.com",
      action: "user.create",
      targetType: "user",
      targetId: "u-1",
      reason: null,
      ip: "192.0.2.1",
      userAgent: "Mozilla/5.0",
      details: { email: "ops@example.com", role: "OPERATOR" },
    });
    expect(page.items.find((entry) => entry.action === "users.something-else")?.details).toBe("not json");
  });

  it("filters by exact action, or by prefix with a trailing *", async () => {
    expect(await actions({ action: "user.role" })).toEqual(["user.role"]);
    expect(await actions({ action: "user" })).toEqual([]);
    expect(await actions({ action: "user.*" })).toEqual(["user.role", "user.create"]);
    expect(await actions({ action: "user*" })).toEqual(["users.something-else", "user.role", "user.create"]);
  });

  it("filters by part of the actor's e-mail, whatever its case, and by exact target id", async () => {
    expect(await actions({ actor: "OPS@" })).toEqual(["users.something-else", "order.retry-fulfillment"]);
    expect(await actions({ target: "u-1" })).toEqual(["user.role", "user.create"]);
    expect(await actions({ target: "u" })).toEqual([]);
  });

  it("filters by whole days, both ends included", async () => {
    expect(await actions({ from: "2026-11-21", to: "2026-11-21" })).toEqual(["order.retry-fulfillment", "user.role"]);
    expect(await actions({ from: "2026-11-22" })).toEqual(["selling.pause", "users.something-else"]);
    expect(await actions({ to: "2026-11-20" })).toEqual(["user.create"]);
    expect(await actions({ from: "", to: "" })).toHaveLength(SEEDS.length);
  });

  it("pages on the server", async () => {
    const second = await list({ page: "2", pageSize: "2" });
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 5 });
    expect(second.items.map((entry) => entry.action)).toEqual(["order.retry-fulfillment", "user.role"]);
  });
  it("reads % and _ in the actor and action filters as themselves, not as wildcards", async () => {
    expect(await actions({ actor: "%" })).toEqual([]);
    expect(await actions({ actor: "_" })).toEqual([]);
    expect(await actions({ action: "user_*" })).toEqual([]);
    expect(await actions({ action: "user.rol_" })).toEqual([]);
    await testDb.db.auditLog.create({
      data: {
        at: new Date("2026-11-24T00:00:00Z"),
        actorEmail: "first_last@example.com",
        action: "user.reset_password",
      },
    });
    expect(await actions({ actor: "t_l" })).toEqual(["user.reset_password"]);
    expect(await actions({ action: "user.reset_*" })).toEqual(["user.reset_password"]);
  });
});

describe("audit log over HTTP", () => {
  let sandbox: Sandbox;
  let app: App;
  const cookies = { admin: "", operator: "", viewer: "" };

  beforeAll(async () => {
    ({ sandbox, app } = await startAppWithSandbox());
    for (const [role, email] of [
      ["ADMIN", "admin@example.com"],
      ["OPERATOR", "oncall@example.com"],
      ["VIEWER", "viewer@example.com"],
    ] as const) {
      await app.db.user.create({
        data: { email, role, passwordHash: await hashPassword(`${role.toLowerCase()}-password-1`) },
      });
    }
    cookies.admin = await signIn(app, "admin@example.com", "admin-password-1");
    cookies.operator = await signIn(app, "oncall@example.com", "operator-password-1");
    cookies.viewer = await signIn(app, "viewer@example.com", "viewer-password-1");
  });
  afterAll(() => stopAppWithSandbox({ app, sandbox }));

  it("shows every role who paused selling, when and from where", async () => {
    await adminCall(app, cookies.admin, "PUT", "/api/admin/settings/selling", { paused: true, reason: "stock check" });
    for (const cookie of Object.values(cookies)) {
      const answer = await adminCall(app, cookie, "GET", "/api/admin/audit?action=selling.*");
      expect(answer).toMatchObject({
        status: 200,
        body: {
          total: 1,
          items: [
            {
              action: "selling.pause",
              actorEmail: "admin@example.com",
              reason: "stock check",
              ip: expect.any(String),
              targetType: "setting",
            },
          ],
        },
      });
    }
    expect((await adminCall(app, "", "GET", "/api/admin/audit")).status).toBe(401);
  });

  it("names the filter that is not valid", async () => {
    expect(await adminCall(app, cookies.viewer, "GET", "/api/admin/audit?from=2026-11-22&to=2026-11-21")).toMatchObject(
      {
        status: 400,
        body: { code: "VALIDATION_FAILED", fieldErrors: { to: ["The end date comes before the start date"] } },
      },
    );
    expect(await adminCall(app, cookies.viewer, "GET", "/api/admin/audit?action=drop%20table")).toMatchObject({
      status: 400,
      body: { fieldErrors: { action: expect.any(Array) } },
    });
    expect(await adminCall(app, cookies.viewer, "GET", "/api/admin/audit?pageSize=1000")).toMatchObject({
      status: 400,
      body: { fieldErrors: { pageSize: expect.any(Array) } },
    });
  });

  it("is read-only", async () => {
    expect((await adminCall(app, cookies.admin, "POST", "/api/admin/audit", {})).status).toBe(405);
    expect((await adminCall(app, cookies.admin, "DELETE", "/api/admin/audit")).status).toBe(405);
  });
});
