import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mapDemoProducts, startApp, type App } from "../support/app-server";
import { CWS_PRODUCTS, startSandbox, type Sandbox } from "../support/cws-sandbox";
import { G2aCaller } from "../support/g2a-caller";
import { buy, eventually, keysOf, orderStatus, sandboxCodes, type StockEntry } from "./support-http";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;

const PRODUCT = {
  TWICO: 10000000000012,
  TPP: 10000000000013,
  TPWHP: 10000000000014,
  SKYOUT: 10000000000021,
  NEONDO: 10000000000022,
  MISTVH: 10000000000023,
};

beforeAll(async () => {
  sandbox = await startSandbox();
  app = await startApp({
    cwsUrl: sandbox.url,
    env: {
      CWS_RECOVERY_FIRST_WAIT_MS: "200",
      CWS_RECOVERY_SECOND_WAIT_MS: "300",
      CWS_TIMEOUT_MS: "1500",
      ORDER_SYNC_WAIT_MS: "2500",
    },
  });
  g2a = new G2aCaller(app);
  await mapDemoProducts(app.db, ["TWICO", "TPP", "TPWHP", "SKYOUT", "NEONDO", "MISTVH"]);
});
afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  await sandbox.control("reset", {});
  await app.db.cwsProductSnapshot.deleteMany();
});

const inventory = async (orderId: string) => (await g2a.inventory(orderId)).body as StockEntry[];

describe("fulfilment end to end, through G2A's HTTP calls and the local CWS sandbox", () => {
  it("answers POST /order with the keys of an instant product, bought once", async () => {
    const { answer, orderId, stock } = await buy(g2a, PRODUCT.SKYOUT, 2, "15.00");
    expect(answer.status).toBe(200);
    const keys = keysOf(stock);
    expect(keys).toHaveLength(2);
    expect(keys.every((key) => key.kind === "text")).toBe(true);
    expect((await sandboxCodes(sandbox)).sort()).toEqual(keys.map((key) => key.value).sort());
    expect((await sandbox.state()).ordersByClientOrderId[orderId]).toHaveLength(1);
  });

  it("answers 202 for a delayed product, then G2A's polling finds the keys", async () => {
    await sandbox.control("products", { productId: CWS_PRODUCTS.NEONDO, sim: { mode: "delayed", delaySeconds: 3 } });
    const { answer, orderId } = await buy(g2a, PRODUCT.NEONDO, 2);
    expect(answer.status).toBe(202);
    const lines = await eventually(
      () => inventory(orderId),
      (body) => keysOf(body).length === 2,
    );
    expect(lines[0]?.inventory_size).toBe(2);
  });

  it("delivers image keys as files", async () => {
    const { answer, orderId, stock } = await buy(g2a, PRODUCT.TWICO, 1);
    expect(answer.status).toBe(200);
    const [key] = keysOf(stock);
    expect(key).toMatchObject({ kind: "file", value: "" });
    const file = await g2a.raw("GET", `/order/${orderId}/inventory/${key!.id}`);
    expect(file.body).toMatchObject({ mimeType: "image/png", fileName: `${key!.id}.png` });
  });

  it("keeps a pre-order pending until CWS releases it", async () => {
    await mapDemoProducts(app.db, ["TPP"], { allowPreOrder: true });
    const { answer, orderId } = await buy(g2a, PRODUCT.TPP, 1);
    expect(answer.status).toBe(202);
    expect((await orderStatus(app, orderId)).status).toBe("AWAITING_CODES");
    await sandbox.control("release-preorders", {});
    await eventually(
      () => inventory(orderId),
      (body) => keysOf(body).length === 1,
    );
  });

  it("fails an order CWS refuses for lack of balance, with a reason staff understand", async () => {
    const { answer, reservationId } = await buy(g2a, PRODUCT.TPWHP, 1);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ code: "FULFILLMENT_FAILED", message: "order could not be fulfilled" });
    const order = await app.db.order.findUniqueOrThrow({ where: { reservationId } });
    expect(order.status).toBe("FAILED");
    expect(order.lastError).toContain("balance is too low");
    expect((await sandbox.state()).orders).toHaveLength(0);
  });

  it("recovers a purchase CWS accepted but answered with an error, buying exactly once", async () => {
    await sandbox.control("faults", { acceptThenFail: { rate: 1, mode: "500", remaining: 1 } });
    const { orderId } = await buy(g2a, PRODUCT.SKYOUT, 1);
    await eventually(
      () => inventory(orderId),
      (body) => keysOf(body).length === 1,
    );
    const state = await sandbox.state();
    expect(state.ordersByClientOrderId[orderId]).toHaveLength(1);
    expect(state.counters.requests["POST /v3/orders"]).toBe(1);
  });

  it("completes every order through 5xx and 429 storms on CWS's read routes", async () => {
    await sandbox.control("products", { productId: CWS_PRODUCTS.NEONDO, sim: { mode: "delayed", delaySeconds: 1 } });
    const orderIds: string[] = [];
    for (let i = 0; i < 3; i++) orderIds.push((await buy(g2a, PRODUCT.NEONDO, 1)).orderId);
    for (let i = 0; i < 2; i++) orderIds.push((await buy(g2a, PRODUCT.MISTVH, 1)).orderId);
    await sandbox.control("faults", {
      seed: 11,
      error5xx: {
        rate: 0.5,
        status: 503,
        routes: ["GET /v3/orders/{orderId}", "GET /v3/products/{productId}", "GET /v3/products", "GET /v3/orders"],
        remaining: 20,
      },
    });
    for (const orderId of orderIds)
      await eventually(
        () => orderStatus(app, orderId),
        (order) => order.status === "COMPLETED",
        30_000,
      );
    await sandbox.control("faults", {
      error5xx: { rate: 1, status: 429, routes: ["GET /v3/orders/{orderId}"], remaining: 3 },
    });
    const late = (await buy(g2a, PRODUCT.NEONDO, 1)).orderId;
    await eventually(
      () => orderStatus(app, late),
      (order) => order.status === "COMPLETED",
      30_000,
    );
    const state = await sandbox.state();
    for (const orderId of [...orderIds, late]) expect(state.ordersByClientOrderId[orderId]).toHaveLength(1);
  });

  it("never buys twice under faults at placement: each order COMPLETED, or PLACING and flagged for a person", async () => {
    await sandbox.control("faults", {
      seed: 7,
      error5xx: { rate: 0.25, status: 500, routes: ["POST /v3/orders"], remaining: null },
      timeout: { rate: 0.15, holdMs: 2000, routes: ["POST /v3/orders"], remaining: null },
      acceptThenFail: { rate: 0.3, mode: "500", remaining: null },
    });
    const orderIds: string[] = [];
    for (let i = 0; i < 6; i++) orderIds.push((await buy(g2a, PRODUCT.MISTVH, 1)).orderId);
    for (const orderId of orderIds) {
      await eventually(
        () => orderStatus(app, orderId),
        (order) => order.status === "COMPLETED" || (order.status === "PLACING" && order.needsAttention),
        60_000,
        500,
      );
    }
    const state = await sandbox.state();
    for (const orderId of orderIds) {
      const purchases = state.ordersByClientOrderId[orderId] ?? [];
      expect(purchases.length).toBeLessThanOrEqual(1);
      if ((await orderStatus(app, orderId)).status === "COMPLETED") expect(purchases).toHaveLength(1);
    }
  });

  it("never writes a key into the workflow's tables, the timeline or the logs", async () => {
    const { orderId } = await buy(g2a, PRODUCT.SKYOUT, 3);
    await eventually(
      () => orderStatus(app, orderId),
      (order) => order.status === "COMPLETED",
    );
    const codes = await sandboxCodes(sandbox);
    expect(codes.length).toBeGreaterThan(0);
    const stored = JSON.stringify(
      [
        await app.db.workflowEvent.findMany(),
        await app.db.workflowRun.findMany(),
        await app.db.workflowStep.findMany(),
        await app.db.orderEvent.findMany(),
        await app.db.cwsPlacementAttempt.findMany(),
      ],
      (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
    );
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(app.output()).not.toContain(code);
    }
  });
});
