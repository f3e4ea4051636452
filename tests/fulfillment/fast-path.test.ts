import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mapDemoProducts, startApp, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import { CWS_PRODUCTS, type Sandbox } from "../support/cws-sandbox";
import { G2aCaller } from "../support/g2a-caller";
import { buy, eventually, keysOf, type StockEntry } from "./support-http";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;

const SKYOUT = 10000000000021;
const NEONDO = 10000000000022;
const APP_ENV = {
  CWS_RECOVERY_FIRST_WAIT_MS: "200",
  CWS_RECOVERY_SECOND_WAIT_MS: "300",
  CWS_TIMEOUT_MS: "1500",
  ORDER_SYNC_WAIT_MS: "2500",
};

beforeAll(async () => {
  ({ sandbox, app, g2a } = await startAppWithSandbox({ env: APP_ENV }));
  await mapDemoProducts(app.db, ["SKYOUT", "NEONDO"]);
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));
beforeEach(async () => {
  await sandbox.control("reset", {});
  await app.db.cwsProductSnapshot.deleteMany();
});

async function workOn(target: App, orderId: string) {
  const order = await target.db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { status: true, workflowRunId: true, eventSentAt: true },
  });
  const runs = await target.db.workflowRun.count({ where: { eventId: orderId } });
  const attempts = await target.db.cwsPlacementAttempt.findMany({
    where: { orderId },
    orderBy: { attemptNumber: "asc" },
  });
  return { ...order, runs, attempts: attempts.map((attempt) => attempt.outcome) };
}

describe("the purchase made while G2A waits for POST /order", () => {
  it("answers an instant product's keys in the same answer, bought once, with no workflow run", async () => {
    const { answer, orderId, stock } = await buy(g2a, SKYOUT, 2, "15.00");
    expect(answer.status).toBe(200);
    expect(keysOf(stock)).toHaveLength(2);
    expect((await sandbox.state()).ordersByClientOrderId[orderId]).toHaveLength(1);
    expect(await workOn(app, orderId)).toEqual({
      status: "COMPLETED",
      workflowRunId: null,
      eventSentAt: null,
      runs: 0,
      attempts: ["CREATED"],
    });
  });

  it("hands a delayed product to the workflow once bought, which collects the keys without buying again", async () => {
    await sandbox.control("products", { productId: CWS_PRODUCTS.NEONDO, sim: { mode: "delayed", delaySeconds: 3 } });
    const { answer, orderId } = await buy(g2a, NEONDO, 1);
    expect(answer.status).toBe(202);
    await eventually(
      async () => (await g2a.inventory(orderId)).body as StockEntry[],
      (lines) => keysOf(lines).length === 1,
    );
    const work = await workOn(app, orderId);
    expect(work).toMatchObject({ status: "COMPLETED", runs: 1, attempts: ["CREATED"] });
    expect(work.workflowRunId).not.toBeNull();
    expect((await sandbox.state()).counters.requests["POST /v3/orders"]).toBe(1);
  });

  it("leaves a purchase in flight to its placer when G2A replays the order: the run waits for it, and CWS sells once", async () => {
    // CWS creates the order and holds its answer past our 1.5 s timeout: the outcome is unknown.
    await sandbox.control("faults", { acceptThenFail: { rate: 1, mode: "hang", holdMs: 4000, remaining: 1 } });
    const reservation = await g2a.reserve([{ product_id: SKYOUT, quantity: 1 }]);
    const reservationId = (reservation.body as { reservation_id: string }).reservation_id;
    const g2aOrderId = 80_399_000_000_000 + Math.floor(Math.random() * 1_000_000);
    const first = g2a.order(reservationId, g2aOrderId);
    await eventually(
      async () => (await sandbox.state()).counters.requests["POST /v3/orders"] ?? 0,
      (sent) => sent === 1,
      5_000,
      50,
    );
    // The replay arrives while the request's purchase is still waiting for CWS's answer.
    const replay = await g2a.order(reservationId, g2aOrderId);
    const orderId = (replay.body as { order_id: string }).order_id;
    expect(((await first).body as { order_id: string }).order_id).toBe(orderId);

    await eventually(
      async () => (await g2a.inventory(orderId)).body as StockEntry[],
      (lines) => keysOf(lines).length === 1,
      30_000,
    );
    const state = await sandbox.state();
    expect(state.ordersByClientOrderId[orderId]).toHaveLength(1);
    expect(state.counters.requests["POST /v3/orders"]).toBe(1);
    expect(await workOn(app, orderId)).toMatchObject({ status: "COMPLETED", runs: 1, attempts: ["RECOVERED"] });
  }, 60_000);

  it("leaves every purchase to the workflow with ORDER_PURCHASE_STARTS_IN=workflow", async () => {
    const workflowApp = await startApp({
      cwsUrl: sandbox.url,
      env: { ...APP_ENV, ORDER_PURCHASE_STARTS_IN: "workflow" },
    });
    try {
      await mapDemoProducts(workflowApp.db, ["SKYOUT"]);
      const { answer, orderId } = await buy(new G2aCaller(workflowApp), SKYOUT, 1);
      expect(answer.status).toBe(200);
      const work = await workOn(workflowApp, orderId);
      expect(work).toMatchObject({ status: "COMPLETED", runs: 1, attempts: ["CREATED"] });
      expect(work.workflowRunId).not.toBeNull();
      expect(work.eventSentAt).not.toBeNull();
    } finally {
      await workflowApp.close();
    }
  }, 60_000);
});
