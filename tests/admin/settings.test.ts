import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateG2aPair, listG2aCredentials, revokeG2aPair, rotateG2aPair } from "@/lib/admin/g2a-credentials";
import { getSelling, setSelling } from "@/lib/admin/settings";
import type { Actor } from "@/lib/audit";
import { upsertConfiguredG2aCredentials, verifyG2aCredentials } from "@/lib/g2a/credentials";
import { isSellingPaused } from "@/lib/settings";
import { adminCall, signInStaff, type StaffCookies } from "../support/admin-session";
import { mapDemoProducts, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import { G2aCaller } from "../support/g2a-caller";
import { createTestDb, type TestDb } from "../support/test-db";

const ADMIN: Actor = {
  id: "admin-1",
  email: "admin@example.com",
  role: "ADMIN",
  ip: "203.0.113.7",
  userAgent: "vitest",
};

async function expectRefused(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await expect(promise).rejects.toMatchObject({
    code,
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });
}

describe("G2A credentials (lib)", () => {
  let testDb: TestDb;
  beforeEach(() => {
    testDb = createTestDb();
  });
  afterEach(() => testDb.close());

  it("lists pairs without their secret or its hash, active first", async () => {
    const { db } = testDb;
    const first = await generateG2aPair(db, ADMIN, { label: "first" }, undefined);
    const second = await generateG2aPair(db, ADMIN, {}, undefined);
    await revokeG2aPair(db, ADMIN, first.credentials.id, undefined);

    const { items } = await listG2aCredentials(db, undefined);
    expect(items.map((pair) => [pair.id, pair.active])).toEqual([
      [second.credentials.id, true],
      [first.credentials.id, false],
    ]);
    expect(items[1]).toMatchObject({
      label: "first",
      createdBy: ADMIN.email,
      revokedAt: expect.any(String),
      configured: false,
    });
    const listed = JSON.stringify(items);
    const stored = await db.g2aClient.findMany();
    for (const secret of [first.clientSecret, second.clientSecret, ...stored.map((row) => row.secretHash)])
      expect(listed).not.toContain(secret);
  });

  it("never revokes the last active pair: G2A would be locked out", async () => {
    const { db } = testDb;
    const only = await generateG2aPair(db, ADMIN, {}, undefined);
    await expectRefused(revokeG2aPair(db, ADMIN, only.credentials.id, undefined), "CONFLICT", /last active pair/);
    expect(await verifyG2aCredentials(db, only.credentials.clientId, only.clientSecret)).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: "g2a_credentials.revoke" } })).toBe(0);
  });

  it("refuses to rotate or revoke the pair G2A_CLIENT_ID configures, naming the variable", async () => {
    const { db } = testDb;
    await upsertConfiguredG2aCredentials(db, "configured-client", "configured-secret-0123456789");
    await generateG2aPair(db, ADMIN, {}, undefined);
    const configured = await db.g2aClient.findUniqueOrThrow({ where: { clientId: "configured-client" } });
    await expectRefused(rotateG2aPair(db, ADMIN, configured.id, "configured-client"), "CONFLICT", /G2A_CLIENT_ID/);
    await expectRefused(revokeG2aPair(db, ADMIN, configured.id, "configured-client"), "CONFLICT", /G2A_CLIENT_ID/);
    expect(await verifyG2aCredentials(db, "configured-client", "configured-secret-0123456789")).not.toBeNull();
    expect(
      (await listG2aCredentials(db, "configured-client")).items.find((pair) => pair.id === configured.id),
    ).toMatchObject({ configured: true, active: true });
  });

  it("answers 404 for a pair already rotated away", async () => {
    const { db } = testDb;
    const pair = await generateG2aPair(db, ADMIN, {}, undefined);
    await rotateG2aPair(db, ADMIN, pair.credentials.id, undefined);
    await expectRefused(rotateG2aPair(db, ADMIN, pair.credentials.id, undefined), "NOT_FOUND");
    await expectRefused(revokeG2aPair(db, ADMIN, "no-such-pair", undefined), "NOT_FOUND");
  });
});

describe("selling switch (lib)", () => {
  let testDb: TestDb;
  beforeEach(() => {
    testDb = createTestDb();
  });
  afterEach(() => testDb.close());

  it("is on until someone pauses it", async () => {
    expect(await getSelling(testDb.db)).toEqual({ paused: false, reason: null, updatedBy: null, updatedAt: null });
  });

  it("records who paused, when and why, and forgets the reason on resume", async () => {
    const { db } = testDb;
    const paused = await setSelling(db, ADMIN, { paused: true, reason: "CWS balance low" });
    expect(paused).toEqual({
      paused: true,
      reason: "CWS balance low",
      updatedBy: ADMIN.email,
      updatedAt: expect.any(String),
    });
    expect(await isSellingPaused(db)).toBe(true);

    const resumed = await setSelling(db, { ...ADMIN, email: "other@example.com" }, { paused: false });
    expect(resumed).toMatchObject({ paused: false, reason: null, updatedBy: "other@example.com" });
    expect(await isSellingPaused(db)).toBe(false);

    const audit = await db.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.actorEmail, row.reason, row.ip])).toEqual([
      ["selling.pause", ADMIN.email, "CWS balance low", ADMIN.ip],
      ["selling.resume", "other@example.com", null, ADMIN.ip],
    ]);
  });

  it("changes nothing and audits nothing when asked for the state it is in", async () => {
    const { db } = testDb;
    await setSelling(db, ADMIN, { paused: true, reason: "first" });
    const again = await setSelling(db, { ...ADMIN, email: "late@example.com" }, { paused: true, reason: "second" });
    expect(again).toMatchObject({ paused: true, reason: "first", updatedBy: ADMIN.email });
    expect(await db.auditLog.count()).toBe(1);
  });
});

describe("settings over HTTP", () => {
  const configured = {
    clientId: `configured${randomBytes(6).toString("hex")}`,
    clientSecret: randomBytes(24).toString("base64url"),
  };
  let sandbox: Sandbox;
  let app: App;
  let g2a: G2aCaller;
  let cookies: StaffCookies;
  /** Every secret the API handed out, to look for in the audit log. */
  const secrets: string[] = [];

  /** G2A's side, signing in with a given pair. */
  const callerFor = (credentials: { clientId: string; clientSecret: string }) => new G2aCaller({ ...app, credentials });
  const tokenAnswer = (credentials: { clientId: string; clientSecret: string }) =>
    callerFor(credentials).raw(
      "GET",
      `/oauth/token?${new URLSearchParams({ grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.clientSecret })}`,
      { auth: false },
    );
  const healthcheck = (token: string) => g2a.raw("GET", "/healthcheck", { auth: token });

  type NewPair = {
    credentials: { id: string; clientId: string; label: string | null; active: boolean; configured: boolean };
    clientSecret: string;
  };
  async function generate(label?: string): Promise<NewPair> {
    const answer = await adminCall(
      app,
      cookies.admin,
      "POST",
      "/api/admin/g2a-credentials",
      label === undefined ? {} : { label },
    );
    expect(answer.status).toBe(201);
    const pair = answer.body as NewPair;
    secrets.push(pair.clientSecret);
    return pair;
  }

  beforeAll(async () => {
    ({ sandbox, app, g2a } = await startAppWithSandbox({
      env: { G2A_CLIENT_ID: configured.clientId, G2A_CLIENT_SECRET: configured.clientSecret },
    }));
    // What `npm start` does with G2A_CLIENT_ID at every start.
    await upsertConfiguredG2aCredentials(app.db, configured.clientId, configured.clientSecret);
    cookies = await signInStaff(app);
  });
  afterAll(() => stopAppWithSandbox({ app, sandbox }));

  it("generates a pair whose secret, shown once, obtains a G2A token", async () => {
    const pair = await generate("G2A production");
    expect(pair.credentials).toMatchObject({
      clientId: expect.stringMatching(/^[0-9a-f]{32}$/),
      label: "G2A production",
      active: true,
      configured: false,
    });
    expect(pair.clientSecret).toMatch(/^[A-Za-z0-9_-]{48}$/);
    const token = await callerFor({ clientId: pair.credentials.clientId, clientSecret: pair.clientSecret }).token();
    expect((await healthcheck(token)).status).toBe(204);

    const listed = await adminCall(app, cookies.admin, "GET", "/api/admin/g2a-credentials");
    expect(listed.status).toBe(200);
    const items = (listed.body as { items: Array<Record<string, unknown>> }).items;
    expect(items.find((item) => item.id === pair.credentials.id)).toMatchObject({
      clientId: pair.credentials.clientId,
      lastUsedAt: expect.any(String),
      createdBy: "admin@example.com",
    });
    expect(items.find((item) => item.clientId === configured.clientId)).toMatchObject({
      configured: true,
      active: true,
    });
    expect(JSON.stringify(listed.body)).not.toContain(pair.clientSecret);
    expect(items.every((item) => !("secretHash" in item) && !("clientSecret" in item))).toBe(true);

    const audit = await app.db.auditLog.findFirstOrThrow({
      where: { action: "g2a_credentials.create", targetId: pair.credentials.id },
    });
    expect(audit).toMatchObject({
      actorEmail: "admin@example.com",
      ip: expect.any(String),
      userAgent: expect.any(String),
    });
  });

  it("rotates a pair: the old secret and its tokens are refused at once, the new pair works", async () => {
    const old = await generate("to rotate");
    const oldCredentials = { clientId: old.credentials.clientId, clientSecret: old.clientSecret };
    const oldToken = await callerFor(oldCredentials).token();

    const answer = await adminCall(
      app,
      cookies.admin,
      "POST",
      `/api/admin/g2a-credentials/${old.credentials.id}/rotate`,
    );
    expect(answer.status).toBe(200);
    const rotated = answer.body as NewPair;
    secrets.push(rotated.clientSecret);
    expect(rotated.credentials).toMatchObject({ label: "to rotate", active: true });
    expect(rotated.credentials.clientId).not.toBe(old.credentials.clientId);

    expect(await healthcheck(oldToken)).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
    expect(await tokenAnswer(oldCredentials)).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
    const fresh = await callerFor({
      clientId: rotated.credentials.clientId,
      clientSecret: rotated.clientSecret,
    }).token();
    expect((await healthcheck(fresh)).status).toBe(204);

    expect(
      await adminCall(app, cookies.admin, "POST", `/api/admin/g2a-credentials/${old.credentials.id}/rotate`),
    ).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    const audit = await app.db.auditLog.findFirstOrThrow({
      where: { action: "g2a_credentials.rotate", targetId: old.credentials.id },
    });
    expect(JSON.parse(audit.details ?? "{}")).toEqual({
      clientId: old.credentials.clientId,
      newId: rotated.credentials.id,
      newClientId: rotated.credentials.clientId,
    });
  });

  it("refuses to rotate or revoke the pair from G2A_CLIENT_ID, which keeps working", async () => {
    const row = await app.db.g2aClient.findUniqueOrThrow({ where: { clientId: configured.clientId } });
    for (const action of ["rotate", "revoke"]) {
      const answer = await adminCall(app, cookies.admin, "POST", `/api/admin/g2a-credentials/${row.id}/${action}`);
      expect(answer).toMatchObject({
        status: 409,
        body: { code: "CONFLICT", message: expect.stringContaining("G2A_CLIENT_ID") },
      });
    }
    expect((await tokenAnswer(configured)).status).toBe(200);
  });

  it("revokes a pair with its tokens", async () => {
    const pair = await generate();
    const token = await callerFor({ clientId: pair.credentials.clientId, clientSecret: pair.clientSecret }).token();
    const answer = await adminCall(
      app,
      cookies.admin,
      "POST",
      `/api/admin/g2a-credentials/${pair.credentials.id}/revoke`,
    );
    expect(answer).toMatchObject({
      status: 200,
      body: { credentials: { id: pair.credentials.id, active: false, revokedAt: expect.any(String) } },
    });
    expect((await healthcheck(token)).status).toBe(401);
    expect(
      await app.db.auditLog.count({
        where: { action: "g2a_credentials.revoke", targetId: pair.credentials.id, actorEmail: "admin@example.com" },
      }),
    ).toBe(1);
  });

  it("checks the label, naming the field", async () => {
    const answer = await adminCall(app, cookies.admin, "POST", "/api/admin/g2a-credentials", { label: "x".repeat(81) });
    expect(answer).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", fieldErrors: { label: ["Keep the label under 80 characters"] } },
    });
  });

  it("keeps the credentials from operators and viewers, reading included", async () => {
    const pair = await app.db.g2aClient.findFirstOrThrow({
      where: { active: true, clientId: { not: configured.clientId } },
    });
    for (const cookie of [cookies.operator, cookies.viewer]) {
      expect(await adminCall(app, cookie, "GET", "/api/admin/g2a-credentials")).toMatchObject({
        status: 403,
        body: { code: "FORBIDDEN" },
      });
      expect((await adminCall(app, cookie, "POST", "/api/admin/g2a-credentials", {})).status).toBe(403);
      expect((await adminCall(app, cookie, "POST", `/api/admin/g2a-credentials/${pair.id}/rotate`)).status).toBe(403);
      expect((await adminCall(app, cookie, "POST", `/api/admin/g2a-credentials/${pair.id}/revoke`)).status).toBe(403);
    }
    expect((await adminCall(app, "", "GET", "/api/admin/g2a-credentials")).status).toBe(401);
  });

  it("pauses selling: G2A's reservations get 409 SELLING_PAUSED until an admin resumes", async () => {
    await mapDemoProducts(app.db, ["NEONDO"]);
    const reserve = () => g2a.reserve([{ product_id: 10000000000022, quantity: 1 }]);
    expect((await reserve()).status).toBe(200);

    expect(
      await adminCall(app, cookies.operator, "PUT", "/api/admin/settings/selling", { paused: true }),
    ).toMatchObject({ status: 403 });
    const paused = await adminCall(app, cookies.admin, "PUT", "/api/admin/settings/selling", {
      paused: true,
      reason: "checking prices",
    });
    expect(paused).toMatchObject({
      status: 200,
      body: { paused: true, reason: "checking prices", updatedBy: "admin@example.com", updatedAt: expect.any(String) },
    });
    expect(await adminCall(app, cookies.viewer, "GET", "/api/admin/settings/selling")).toEqual(paused);
    expect(await reserve()).toMatchObject({ status: 409, body: { code: "SELLING_PAUSED" } });

    const resumed = await adminCall(app, cookies.admin, "PUT", "/api/admin/settings/selling", { paused: false });
    expect(resumed).toMatchObject({
      status: 200,
      body: { paused: false, reason: null, updatedBy: "admin@example.com" },
    });
    expect((await reserve()).status).toBe(200);

    const audit = await app.db.auditLog.findMany({
      where: { action: { startsWith: "selling." } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => [row.action, row.actorEmail, row.reason, row.ip === null])).toEqual([
      ["selling.pause", "admin@example.com", "checking prices", false],
      ["selling.resume", "admin@example.com", null, false],
    ]);
  });

  it("refuses a selling change that is not a boolean, naming the field", async () => {
    const answer = await adminCall(app, cookies.admin, "PUT", "/api/admin/settings/selling", { paused: "yes" });
    expect(answer).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", fieldErrors: { paused: expect.any(Array) } },
    });
  });

  it("shows the offer pricing defaults to every role; only an admin changes them, told which field is wrong", async () => {
    const path = "/api/admin/settings/offer-pricing";
    const defaults = {
      strategy: "FOLLOW_COMPETITION",
      targetMarginEur: "",
      targetMarginPercent: "10",
      priceStepEur: "0.10",
      maxPriceEur: "59.99",
    };
    expect(await adminCall(app, cookies.operator, "PUT", path, defaults)).toMatchObject({ status: 403 });
    expect(await adminCall(app, cookies.admin, "PUT", path, { ...defaults, priceStepEur: "0" })).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", fieldErrors: { priceStepEur: ["Enter the price step, from 0.01 to 100.00"] } },
    });

    const saved = await adminCall(app, cookies.admin, "PUT", path, defaults);
    expect(saved).toMatchObject({
      status: 200,
      body: {
        strategy: "FOLLOW_COMPETITION",
        targetMargin: null,
        targetMarginPercent: "10.00",
        priceStep: "0.10",
        maxPrice: "59.99",
        updatedBy: "admin@example.com",
        updatedAt: expect.any(String),
      },
    });
    expect(await adminCall(app, cookies.viewer, "GET", path)).toEqual(saved);
    expect(await app.db.auditLog.count({ where: { action: "offer.pricing_defaults" } })).toBe(1);
  });

  it("never writes a client secret into the audit log", async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const rows = JSON.stringify(await app.db.auditLog.findMany());
    expect(rows).toContain("g2a_credentials.create");
    for (const secret of [...secrets, configured.clientSecret]) expect(rows).not.toContain(secret);
    expect(app.output()).not.toContain(secrets[0]);
  });
});
