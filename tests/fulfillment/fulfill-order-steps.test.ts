import { randomBytes } from "node:crypto";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { fulfillOrder as FulfillOrderFunction } from "@/inngest/functions/fulfill-order";
import type { FulfillmentDeps } from "@/lib/fulfillment/deps";
import type { Sandbox } from "../support/cws-sandbox";
import { CWS_PRODUCTS } from "../support/cws-products";
import type { createPaidOrder as CreatePaidOrder } from "./support";

/**
 * The step sequence of the `fulfillOrder` Inngest function, run by @inngest/test's engine with its
 * real step bodies: a migrated test database and the local CWS sandbox on 127.0.0.1 stand behind
 * `getFulfillmentDeps()`. Only the sleeps are mocked, because the test engine never ends a sleep by
 * itself; each mocked sleep really waits what the run asked for, at most SLEEP_CAP_MS.
 */

/** A 5 s poll interval passes in 1.5 s here; the sandbox's delayed product is ready after 1 s. */
const SLEEP_CAP_MS = 1_500;
const DELIVERY_DELAY_SECONDS = 1;
/** Sleeps a run may reach in these scenarios; a mock for a sleep the run never reaches is unused. */
const SLEEP_STEP_IDS = [0, 1, 2, 3, 4, 5].flatMap((round) => [`placement-wait-${round}`, `poll-wait-${round}`]);

// lib/env, the database client and the CWS client read the environment once, on first use, so the
// modules that reach them are imported only after beforeAll has pointed it at the test doubles.
let fulfillOrder: typeof FulfillOrderFunction;
let createPaidOrder: typeof CreatePaidOrder;
let deps: FulfillmentDeps;
let sandbox: Sandbox;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  process.env.LOG_LEVEL = "silent"; // read when lib/logger is first imported, just below
  const { createTestDb } = await import("../support/test-db");
  const { startSandbox } = await import("../support/cws-sandbox");
  sandbox = await startSandbox();
  cleanups.push(() => sandbox.close());
  const testDb = createTestDb();
  cleanups.push(() => testDb.close());
  Object.assign(process.env, {
    DATABASE_URL: `file:${testDb.file}`,
    DATA_DIR: path.dirname(testDb.file),
    KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
    CWS_BASE_URL: sandbox.url,
    CWS_RECOVERY_FIRST_WAIT_MS: "50",
    CWS_RECOVERY_SECOND_WAIT_MS: "50",
  });
  ({ fulfillOrder } = await import("@/inngest/functions/fulfill-order"));
  ({ createPaidOrder } = await import("./support"));
  const { getFulfillmentDeps } = await import("@/lib/fulfillment/deps");
  deps = getFulfillmentDeps();
  cleanups.push(() => deps.db.$disconnect());
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});
beforeEach(async () => {
  await sandbox.control("reset", {});
});

type StepId = string | { id: string };
type Run = {
  /** Ids of the steps the run went through (step.run and step.sleep), in order. */
  steps: string[];
  /** What each step.run returned, by step id. */
  outputs: Record<string, unknown>;
  /** How long each sleep asked to wait, by step id. */
  sleeps: Record<string, unknown>;
  result: unknown;
  error: unknown;
};

const idOf = (step: StepId) => (typeof step === "string" ? step : step.id);

/** Runs `fulfillOrder` for a `g2a/order.paid` event to its end, as the Inngest platform would. */
async function runFulfillment(orderId: string): Promise<Run> {
  // A sleep mock runs when its sleep is reached; it waits what that sleep asked for, within the cap.
  const requested = new Map<string, unknown>();
  const sleepMock = (id: string): InngestTestEngine.MockedStep => ({
    id,
    handler: async () => {
      const ms = requested.get(id);
      await delay(Math.min(typeof ms === "number" ? ms : 0, SLEEP_CAP_MS));
    },
  });
  const engine = new InngestTestEngine({
    function: fulfillOrder,
    events: [{ name: "g2a/order.paid", data: { orderId } }],
    steps: SLEEP_STEP_IDS.map(sleepMock),
    transformCtx: (raw) => {
      const sleep: typeof raw.step.sleep = (step, duration) => {
        // An unmocked sleep would leave the test engine waiting forever: fail the run instead.
        if (!SLEEP_STEP_IDS.includes(idOf(step)))
          throw new Error(`the run reached ${idOf(step)}, more sleeps than the test allows`);
        requested.set(idOf(step), duration);
        return raw.step.sleep(step, duration);
      };
      return mockCtx({ ...raw, step: { ...raw.step, sleep } });
    },
  });
  const { ctx, result, error } = await engine.execute();

  // The returned context is the last execution's, which replayed every step to the end.
  const { run, sleep } = ctx.step;
  const calls = [
    ...run.mock.calls.map(([step], i) => ({ id: idOf(step), order: run.mock.invocationCallOrder[i] ?? 0 })),
    ...sleep.mock.calls.map(([step], i) => ({ id: idOf(step), order: sleep.mock.invocationCallOrder[i] ?? 0 })),
  ].sort((a, b) => a.order - b.order);
  const outputs: Record<string, unknown> = {};
  for (const [i, [step]] of run.mock.calls.entries()) outputs[idOf(step)] = await run.mock.results[i]?.value;
  const sleeps = Object.fromEntries(sleep.mock.calls.map(([step, duration]) => [idOf(step), duration]));
  return { steps: calls.map((call) => call.id), outputs, sleeps, result, error };
}

async function storedOrder(orderId: string) {
  return deps.db.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { keys: true, attempts: { orderBy: { attemptNumber: "asc" } } },
  });
}

async function cwsPurchasesOf(orderId: string): Promise<string[]> {
  return (await sandbox.state()).ordersByClientOrderId[orderId] ?? [];
}

/** A placement step that found every key in CWS's answer (an instant product): the run ends with it. */
const COMPLETED_IN_STEP = { next: "stop", status: "COMPLETED", reason: "every key is stored" };

describe("fulfillOrder, step by step", () => {
  it("buys an instant product once and completes in that one step, its keys taken from CWS's answer", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "MISTVH", quantity: 1 }]);

    const run = await runFulfillment(orderId);

    expect(run.error).toBeUndefined();
    expect(run.steps).toEqual(["place-cws-order-0"]);
    expect(run.outputs["place-cws-order-0"]).toEqual(COMPLETED_IN_STEP);
    expect(run.result).toEqual({ orderId, status: "COMPLETED", reason: COMPLETED_IN_STEP.reason });
    const order = await storedOrder(orderId);
    expect(order).toMatchObject({ status: "COMPLETED", workflowPhase: "done" });
    expect(order.keys).toHaveLength(1);
    expect(await cwsPurchasesOf(orderId)).toHaveLength(1);
  });

  it("sleeps between polls while a delayed product's keys are not ready, then completes", async () => {
    await sandbox.control("products", {
      productId: CWS_PRODUCTS.NEONDO,
      sim: { mode: "delayed", delaySeconds: DELIVERY_DELAY_SECONDS },
    });
    const orderId = await createPaidOrder(deps, [{ product: "NEONDO", quantity: 2 }]);

    const run = await runFulfillment(orderId);

    expect(run.error).toBeUndefined();
    expect(run.steps).toEqual(["place-cws-order-0", "poll-cws-order-0", "poll-wait-0", "poll-cws-order-1"]);
    expect(run.outputs["poll-cws-order-0"]).toMatchObject({ status: "AWAITING_CODES", nextPollInMs: 5_000 });
    expect(run.sleeps).toEqual({ "poll-wait-0": 5_000 });
    expect(run.outputs["poll-cws-order-1"]).toMatchObject({ status: "COMPLETED", nextPollInMs: null });
    expect(run.result).toEqual({ orderId, status: "COMPLETED" });
    const order = await storedOrder(orderId);
    expect(order.status).toBe("COMPLETED");
    expect(order.keys).toHaveLength(2);
    expect(await cwsPurchasesOf(orderId)).toHaveLength(1);
  });

  it("stops with FAILED when CWS refuses the purchase, without polling", async () => {
    await sandbox.control("account", { currentBalance: 1, currentCredit: 0 });
    const orderId = await createPaidOrder(deps, [{ product: "MISTVH", quantity: 1 }]);

    const run = await runFulfillment(orderId);

    expect(run.error).toBeUndefined();
    expect(run.steps).toEqual(["place-cws-order-0"]);
    expect(run.outputs["place-cws-order-0"]).toMatchObject({
      next: "stop",
      status: "FAILED",
      reason: expect.stringContaining("balance is too low"),
    });
    expect(run.result).toEqual({ orderId, status: "FAILED", reason: expect.stringContaining("balance is too low") });
    const order = await storedOrder(orderId);
    expect(order).toMatchObject({ status: "FAILED", workflowPhase: "done" });
    expect(order.keys).toHaveLength(0);
    expect(await cwsPurchasesOf(orderId)).toHaveLength(0);
  });

  it("waits, then finds a purchase whose answer was lost in CWS's order history instead of buying again", async () => {
    await sandbox.control("faults", { acceptThenFail: { rate: 1, mode: "500", remaining: 1 } });
    const orderId = await createPaidOrder(deps, [{ product: "MISTVH", quantity: 1 }]);

    const run = await runFulfillment(orderId);

    expect(run.error).toBeUndefined();
    expect(run.steps).toEqual(["place-cws-order-0", "placement-wait-0", "place-cws-order-1"]);
    expect(run.outputs["place-cws-order-0"]).toEqual({ next: "wait", ms: 50, reason: "outcome unknown" });
    expect(run.sleeps).toEqual({ "placement-wait-0": 50 });
    expect(run.outputs["place-cws-order-1"]).toEqual(COMPLETED_IN_STEP);
    expect(run.result).toEqual({ orderId, status: "COMPLETED", reason: COMPLETED_IN_STEP.reason });
    const order = await storedOrder(orderId);
    expect(order.status).toBe("COMPLETED");
    expect(order.keys).toHaveLength(1);
    // One purchase attempt, adopted from CWS's order history: the second round bought nothing.
    expect(order.attempts.map((attempt) => attempt.outcome)).toEqual(["RECOVERED"]);
    expect(await cwsPurchasesOf(orderId)).toHaveLength(1);
  });
});
