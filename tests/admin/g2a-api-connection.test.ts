import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  getG2aApiConnectionView,
  removeG2aApiCredentials,
  saveG2aApiCredentials,
  testG2aApiConnection,
  type ConnectionDeps,
  type G2aApiConnectionTest,
  type G2aApiConnectionView,
} from "@/lib/admin/g2a-api-connection";
import type { Actor } from "@/lib/audit";
import { createKeyVault } from "@/lib/crypto";
import { createG2aApiTokenStore, type G2aApiConnectionEnv } from "@/lib/g2a-api";
import { createLogger } from "@/lib/logger";
import { freePort } from "@/tools/net/free-port";
import { DEFAULT_G2A_SANDBOX_CLIENT } from "@/tools/g2a-sandbox/server";
import { adminCall, signInStaff, type StaffCookies } from "../support/admin-session";
import { startAppWithSandboxes, stopAppWithSandboxes, type App } from "../support/app-server";
import type { Sandbox as CwsSandbox } from "../support/cws-sandbox";
import { createTestDb, type TestDb } from "../support/test-db";
import { PRODUCTS, seedOffer, startSandbox, type Sandbox } from "../g2a-api/support";

const ADMIN: Actor = { id: "admin-1", email: "admin@example.com", role: "ADMIN", ip: "203.0.113.7" };
const logger = createLogger({ level: "silent" });

/** Import API credentials the sandbox accepts besides its default client. */
const SAVED = { clientId: "saved-client", clientSecret: "saved-secret-4f1c9a7e2b" };

describe("G2A seller API connection (lib)", () => {
  let sandbox: Sandbox;
  let testDb: TestDb;
  let deps: ConnectionDeps & { logger: typeof logger };
  let env: G2aApiConnectionEnv;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await sandbox.control("reset", {});
    await sandbox.control("settings", { clients: [DEFAULT_G2A_SANDBOX_CLIENT, SAVED] });
    testDb = createTestDb();
    env = {
      G2A_API_BASE_URL: sandbox.url,
      G2A_API_CLIENT_ID: DEFAULT_G2A_SANDBOX_CLIENT.clientId,
      G2A_API_CLIENT_SECRET: DEFAULT_G2A_SANDBOX_CLIENT.clientSecret,
      G2A_SANDBOX_PORT: 4020,
    };
    deps = { db: testDb.db, env, vault: createKeyVault(randomBytes(32).toString("base64")), logger };
  });
  afterEach(() => testDb.close());

  const entered = () => ({ baseUrl: sandbox.url, ...SAVED });

  it("uses the environment's connection while nothing is saved, and says where it comes from", async () => {
    expect(await getG2aApiConnectionView(deps)).toEqual({
      inUse: { source: "environment", baseUrl: sandbox.url, clientId: DEFAULT_G2A_SANDBOX_CLIENT.clientId },
      saved: null,
      environment: { source: "environment", baseUrl: sandbox.url, clientId: DEFAULT_G2A_SANDBOX_CLIENT.clientId },
    });
    const local = { ...env, G2A_API_BASE_URL: "http://127.0.0.1:4020/" };
    expect((await getG2aApiConnectionView({ ...deps, env: local })).inUse?.source).toBe("sandbox");
    const none = { ...env, G2A_API_CLIENT_ID: undefined, G2A_API_CLIENT_SECRET: undefined };
    expect(await getG2aApiConnectionView({ ...deps, env: none })).toEqual({
      inUse: null,
      saved: null,
      environment: null,
    });
  });

  it("saves credentials with the secret sealed; they win over the environment and the secret is never answered or audited", async () => {
    const view = await saveG2aApiCredentials(deps, ADMIN, entered());
    expect(view.inUse).toEqual({ source: "settings", baseUrl: sandbox.url, clientId: SAVED.clientId });
    expect(view.saved).toMatchObject({ clientId: SAVED.clientId, readable: true, savedBy: ADMIN.email });
    expect(view.environment?.clientId).toBe(DEFAULT_G2A_SANDBOX_CLIENT.clientId);

    const stored = JSON.stringify(await testDb.db.setting.findMany());
    const audit = await testDb.db.auditLog.findMany();
    expect(audit.map((row) => row.action)).toEqual(["g2a_api.credentials.save"]);
    for (const text of [stored, JSON.stringify(audit), JSON.stringify(view)]) {
      expect(text).not.toContain(SAVED.clientSecret);
    }
  });

  it("forgets the token kept for the same client, so new credentials prove themselves on the next call", async () => {
    const scope = { baseUrl: sandbox.url, clientId: SAVED.clientId };
    const tokens = createG2aApiTokenStore(testDb.db, deps.vault, scope);
    const later = new Date(Date.now() + 3_600_000);
    await tokens.save({ accessToken: "token-from-the-old-secret", obtainedAt: new Date(), expiresAt: later });
    await saveG2aApiCredentials(deps, ADMIN, entered());
    expect(await tokens.load()).toBeNull();
  });

  it("leaves no connection in use when the saved secret cannot be opened with this key, rather than falling back", async () => {
    await saveG2aApiCredentials(deps, ADMIN, entered());
    const otherKey = { ...deps, vault: createKeyVault(randomBytes(32).toString("base64")) };
    const view = await getG2aApiConnectionView(otherKey);
    expect(view.inUse).toBeNull();
    expect(view.saved).toMatchObject({ clientId: SAVED.clientId, readable: false });
  });

  it("removes saved credentials (the environment's are used again), audited; removing nothing is a 404", async () => {
    await saveG2aApiCredentials(deps, ADMIN, entered());
    const view = await removeG2aApiCredentials(deps, ADMIN);
    expect(view.saved).toBeNull();
    expect(view.inUse?.source).toBe("environment");
    await expect(removeG2aApiCredentials(deps, ADMIN)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await testDb.db.auditLog.findMany()).map((row) => row.action)).toEqual([
      "g2a_api.credentials.save",
      "g2a_api.credentials.remove",
    ]);
  });

  it("tests the connection in use: a token, then the first page of offers, said in words and audited", async () => {
    await seedOffer(sandbox, { productId: PRODUCTS.A, price: "9.99", inventorySize: 3, active: true });
    await seedOffer(sandbox, { productId: PRODUCTS.B, price: "4.50", inventorySize: 1, active: false });
    const result = await testG2aApiConnection(deps, ADMIN, null);
    expect(result).toMatchObject({
      ok: true,
      failedStep: null,
      offersOnFirstPage: 2,
      totalOffers: 2,
      tested: { source: "environment", clientId: DEFAULT_G2A_SANDBOX_CLIENT.clientId },
    });
    expect(result.message).toBe(
      `Connected to ${sandbox.url}: G2A issued a token and the first page lists 2 offers of 2 in all.`,
    );
    expect(await sandbox.calls()).toEqual(["POST /oauth/token", "GET /v3/sales/offers"]);
    const [line] = await testDb.db.auditLog.findMany();
    expect(line).toMatchObject({ action: "g2a_api.connection.test", reason: result.message });
    expect(JSON.parse(line!.details!)).toMatchObject({ ok: true, source: "environment" });
  });

  it("always asks for a token with the secret being tested, even when a token for the client is kept", async () => {
    await saveG2aApiCredentials(deps, ADMIN, entered());
    const kept = createG2aApiTokenStore(testDb.db, deps.vault, { baseUrl: sandbox.url, clientId: SAVED.clientId });
    await kept.save({ accessToken: "kept", obtainedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    const wrong = await testG2aApiConnection(deps, ADMIN, { ...entered(), clientSecret: "not-the-secret" });
    expect(wrong).toMatchObject({ ok: false, failedStep: "token", tested: { source: "entered" } });
    expect(wrong.message).toMatch(
      /^G2A refused the client id or secret \(HTTP 401\)\. Check that they are the Import API credentials/,
    );
    expect(wrong.message).not.toContain("not-the-secret");
    expect(await kept.load()).toMatchObject({ accessToken: "kept" });
  });

  it("says in words when G2A cannot be reached, or refuses the offers list after issuing a token", async () => {
    const closedPort = await freePort();
    const unreachable = await testG2aApiConnection(deps, ADMIN, {
      ...entered(),
      baseUrl: `http://127.0.0.1:${closedPort}`,
    });
    expect(unreachable).toMatchObject({ ok: false, failedStep: "token" });
    expect(unreachable.message).toMatch(
      new RegExp(`^No token from http://127\\.0\\.0\\.1:${closedPort}: .*the connection was refused.*base URL`),
    );

    await sandbox.control("faults", { rules: [{ route: "GET /v3/sales/offers", status: 403, count: 5 }] });
    const forbidden = await testG2aApiConnection(deps, ADMIN, entered());
    expect(forbidden).toMatchObject({ ok: false, failedStep: "offers", offersOnFirstPage: null });
    expect(forbidden.message).toMatch(/^G2A issued a token but refused it for the offers list: .*HTTP 403/);

    const audited = await testDb.db.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audited.map((row) => JSON.parse(row.details!) as { ok: boolean; failedStep: string })).toMatchObject([
      { ok: false, failedStep: "token" },
      { ok: false, failedStep: "offers" },
    ]);
  });

  it("refuses to test when there is no connection at all", async () => {
    const none = { ...deps, env: { ...env, G2A_API_CLIENT_ID: undefined, G2A_API_CLIENT_SECRET: undefined } };
    await expect(testG2aApiConnection(none, ADMIN, null)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("G2A seller API connection (admin API)", () => {
  let cws: CwsSandbox;
  let g2a: Sandbox;
  let app: App;
  let cookies: StaffCookies;
  const secrets = [SAVED.clientSecret, DEFAULT_G2A_SANDBOX_CLIENT.clientSecret];

  beforeAll(async () => {
    ({ cws, g2a, app } = await startAppWithSandboxes());
    await g2a.control("settings", { clients: [DEFAULT_G2A_SANDBOX_CLIENT, SAVED] });
    cookies = await signInStaff(app);
  });
  afterAll(() => stopAppWithSandboxes({ app, cws, g2a }));

  const path = "/api/admin/settings/g2a-api";

  it("lets an admin save, test and remove credentials; the secret never comes back", async () => {
    const saved = await adminCall(app, cookies.admin, "PUT", path, { baseUrl: `${g2a.url}/`, ...SAVED });
    expect(saved.status).toBe(200);
    expect((saved.body as G2aApiConnectionView).inUse).toEqual({
      source: "settings",
      baseUrl: g2a.url,
      clientId: SAVED.clientId,
    });

    const tested = await adminCall(app, cookies.admin, "POST", `${path}/test`, {});
    expect(tested.status).toBe(200);
    expect(tested.body as G2aApiConnectionTest).toMatchObject({ ok: true, tested: { source: "settings" } });

    const typed = await adminCall(app, cookies.admin, "POST", `${path}/test`, {
      baseUrl: g2a.url,
      clientId: SAVED.clientId,
      clientSecret: "wrong-secret",
    });
    expect(typed.status).toBe(200);
    expect(typed.body as G2aApiConnectionTest).toMatchObject({ ok: false, failedStep: "token" });

    const read = await adminCall(app, cookies.admin, "GET", path);
    expect((read.body as G2aApiConnectionView).saved).toMatchObject({ savedBy: "admin@example.com", readable: true });

    const removed = await adminCall(app, cookies.admin, "DELETE", path);
    expect((removed.body as G2aApiConnectionView).inUse?.source).toBe("environment");
    expect((await adminCall(app, cookies.admin, "DELETE", path)).status).toBe(404);

    const everything = JSON.stringify([saved, tested, typed, read, removed, await app.db.auditLog.findMany()]);
    for (const secret of [...secrets, "wrong-secret"]) expect(everything).not.toContain(secret);
    expect(app.output()).not.toContain(SAVED.clientSecret);
  });

  it("names the field that is wrong, and saves nothing", async () => {
    const answer = await adminCall(app, cookies.admin, "PUT", path, {
      baseUrl: "ftp://g2a",
      clientId: "",
      clientSecret: "x",
    });
    expect(answer).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", fieldErrors: { baseUrl: expect.any(Array), clientId: expect.any(Array) } },
    });
    const partial = await adminCall(app, cookies.admin, "POST", `${path}/test`, { baseUrl: g2a.url });
    expect(partial).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED" } });
    expect(await app.db.setting.count({ where: { key: "g2aApiConnection" } })).toBe(0);
  });

  it("keeps the connection from operators and viewers, reading included", async () => {
    for (const cookie of [cookies.operator, cookies.viewer]) {
      expect((await adminCall(app, cookie, "GET", path)).status).toBe(403);
      expect((await adminCall(app, cookie, "PUT", path, { baseUrl: g2a.url, ...SAVED })).status).toBe(403);
      expect((await adminCall(app, cookie, "POST", `${path}/test`, {})).status).toBe(403);
      expect((await adminCall(app, cookie, "DELETE", path)).status).toBe(403);
    }
    expect((await adminCall(app, "", "GET", path)).status).toBe(401);
  });
});
