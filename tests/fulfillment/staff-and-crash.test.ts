import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapDemoProducts, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import { CWS_PRODUCTS, type Sandbox } from "../support/cws-sandbox";
import type { G2aCaller } from "../support/g2a-caller";
import { buy, eventually, keysOf, orderStatus, type StockEntry } from "./support-http";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;

const TPWHP = 10000000000014;
const NEONDO = 10000000000022;
const SKYOUT = 10000000000021;
const ADMIN = { id: "test-admin", email: "oncall@example.com", role: "OPERATOR" as const, ip: "127.0.0.1" };

beforeAll(async () => {
  ({ sandbox, app, g2a } = await startAppWithSandbox({
    env: { ORDER_SYNC_WAIT_MS: "1500", CWS_RECOVERY_FIRST_WAIT_MS: "300", CWS_RECOVERY_SECOND_WAIT_MS: "300" },
  }));
  await mapDemoProducts(app.db, ["TPWHP", "NEONDO", "SKYOUT"]);
  // Staff actions run here the way a CLI on the server would: on the app's database and data folder,
  // their events picked up by the app's engine.
  process.env.DATA_DIR = app.dataDir;
  process.env.DATABASE_URL = `file:${app.dataDir}/app.db`;
  process.env.KEY_ENCRYPTION_KEY = app.keyEncryptionKey;
  process.env.CWS_BASE_URL = sandbox.url;
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));

describe("Retry Fulfillment", () => {
  it("turns a FAILED order (balance too low) into COMPLETED after a top-up, buying once", async () => {
    const { answer, reservationId } = await buy(g2a, TPWHP, 1);
    expect(answer.status).toBe(500);
    const order = await app.db.order.findUniqueOrThrow({ where: { reservationId } });

    await sandbox.control("account", { currentBalance: 2_000_000_000 });
    const { retryFulfillment } = await import("@/lib/fulfillment/staff-actions");
    const { getFulfillmentDeps } = await import("@/lib/fulfillment/deps");
    const result = await retryFulfillment(getFulfillmentDeps(), order.id, "balance topped up", ADMIN);
    expect(result).toMatchObject({ success: true, orderId: order.id, message: "Fulfillment job queued" });
    expect(result.jobId).toMatch(/^[0-9a-f-]{36}$/);

    const body = await eventually(
      async () => (await g2a.inventory(order.id)).body as StockEntry[],
      (lines) => Array.isArray(lines) && keysOf(lines).length === 1,
    );
    expect(keysOf(body)[0]?.kind).toBe("text");
    expect((await sandbox.state()).ordersByClientOrderId[order.id]).toHaveLength(1);
    const timeline = await app.db.orderEvent.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
    expect(timeline.find((event) => event.type === "RETRY_REQUESTED")?.message).toContain("oncall@example.com");
    expect(await app.db.auditLog.count({ where: { action: "order.retry-fulfillment", targetId: order.id } })).toBe(1);
  });

  it("refuses to retry a COMPLETED order", async () => {
    const { orderId } = await buy(g2a, NEONDO, 1);
    await eventually(
      () => orderStatus(app, orderId),
      (order) => order.status === "COMPLETED",
      20_000,
    );
    const { retryFulfillment } = await import("@/lib/fulfillment/staff-actions");
    const { getFulfillmentDeps } = await import("@/lib/fulfillment/deps");
    await expect(retryFulfillment(getFulfillmentDeps(), orderId, "just in case", ADMIN)).rejects.toMatchObject({
      code: "ORDER_ALREADY_FULFILLED",
      message: "Order is already fulfilled",
    });
  });
});

describe("a crash mid-fulfilment", () => {
  it("resumes every run after SIGKILL and a restart: every order COMPLETED, one CWS order each", async () => {
    await sandbox.control("reset", {});
    await app.db.cwsProductSnapshot.deleteMany();
    await sandbox.control("products", { productId: CWS_PRODUCTS.NEONDO, sim: { mode: "delayed", delaySeconds: 4 } });
    const orderIds: string[] = [];
    for (let i = 0; i < 5; i++) orderIds.push((await buy(g2a, NEONDO, 1)).orderId);
    await app.crash();
    await app.restart();
    for (const orderId of orderIds)
      await eventually(
        () => orderStatus(app, orderId),
        (order) => order.status === "COMPLETED",
        60_000,
        500,
      );
    const state = await sandbox.state();
    for (const orderId of orderIds) expect(state.ordersByClientOrderId[orderId]).toHaveLength(1);
  });

  it("completes an instant order killed after CWS accepted its purchase and before its keys were stored, buying once", async () => {
    await sandbox.control("reset", {});
    await app.db.cwsProductSnapshot.deleteMany();
    // CWS creates and charges the order, then holds its answer: the server is waiting for it when it dies.
    await sandbox.control("faults", { acceptThenFail: { rate: 1, mode: "hang", holdMs: 20_000, remaining: 1 } });
    const { answer, orderId } = await buy(g2a, SKYOUT, 1);
    expect(answer.status).toBe(202);
    await eventually(
      async () => (await sandbox.state()).ordersByClientOrderId[orderId] ?? [],
      (cwsOrders) => cwsOrders.length === 1,
    );
    expect(await app.db.key.count({ where: { orderId } })).toBe(0);
    await app.crash();
    await app.restart();

    // The purchase was made in POST /order, so no run knew of it: the re-send cron hands the order to
    // one at its first minute after the request's placement lease (2 × CWS_TIMEOUT_MS + 30 s) ran out.
    await eventually(
      () => orderStatus(app, orderId),
      (order) => order.status === "COMPLETED",
      150_000,
      500,
    );
    const body = await eventually(
      async () => (await g2a.inventory(orderId)).body as StockEntry[],
      (lines) => Array.isArray(lines) && keysOf(lines).length === 1,
    );
    expect(keysOf(body)[0]?.kind).toBe("text");
    expect((await sandbox.state()).ordersByClientOrderId[orderId]).toHaveLength(1);
    const attempts = await app.db.cwsPlacementAttempt.findMany({ where: { orderId } });
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(["RECOVERED"]);
  }, 180_000);
});
