import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit";
import type { FulfillmentDeps } from "@/lib/fulfillment/deps";
import { CWS_PRODUCTS, startSandbox, type Sandbox } from "../support/cws-sandbox";
import { createTestDb, type TestDb } from "../support/test-db";
import { createDeps, createPaidOrder, drive } from "./support";

let sandbox: Sandbox;
let testDb: TestDb;
let deps: FulfillmentDeps;
let actions: typeof import("@/lib/fulfillment/staff-actions");
let collect: typeof import("@/lib/fulfillment/collect-keys");

const admin: Actor = { id: "u-admin", email: "admin@example.com", role: "ADMIN", ip: "10.0.0.1" };
const operator: Actor = { id: "u-op", email: "oncall@example.com", role: "OPERATOR" };
const viewer: Actor = { id: "u-view", email: "viewer@example.com", role: "VIEWER" };

beforeAll(async () => {
  sandbox = await startSandbox();
  testDb = createTestDb();
  // The staff actions send their event through the app's Inngest client, which (with no engine in
  // this process) stores it in the database the environment names: this test's database.
  process.env.DATA_DIR = path.dirname(testDb.file);
  process.env.DATABASE_URL = `file:${testDb.file}`;
  process.env.KEY_ENCRYPTION_KEY = randomBytes(32).toString("base64");
  actions = await import("@/lib/fulfillment/staff-actions");
  collect = await import("@/lib/fulfillment/collect-keys");
  deps = createDeps(testDb, sandbox);
});
afterAll(async () => {
  await testDb.close();
  await sandbox.close();
});

async function cancelledAtCws(): Promise<string> {
  await sandbox.control("products", { productId: CWS_PRODUCTS.FROSTSP, sim: { mode: "delayed", delaySeconds: 120 } });
  const orderId = await createPaidOrder(deps, [{ product: "FROSTSP", quantity: 1 }]);
  await drive(deps, orderId);
  const { cwsOrderId } = await deps.db.order.findUniqueOrThrow({ where: { id: orderId } });
  await sandbox.control(`orders/${cwsOrderId}/status`, { status: "Cancelled", refund: true });
  await collect.pollCwsOrder(deps, orderId);
  return orderId;
}

describe("staff actions", () => {
  it("queues a retry with who and why, and answers as the owner's spec says", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    const result = await actions.retryFulfillment(deps, orderId, "webhook missed", operator);
    expect(result).toEqual({
      success: true,
      orderId,
      jobId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      message: "Fulfillment job queued",
    });
    const event = await deps.db.workflowEvent.findUniqueOrThrow({ where: { id: result.jobId } });
    expect(event.name).toBe("fulfillment/retry.requested");
    expect(JSON.parse(event.payload)).toMatchObject({
      data: { orderId, requestedBy: "oncall@example.com", reason: "webhook missed" },
    });
    expect(await deps.db.auditLog.findFirst({ where: { targetId: orderId } })).toMatchObject({
      action: "order.retry-fulfillment",
      actorEmail: "oncall@example.com",
      reason: "webhook missed",
    });
  });

  it("refuses a retry to a viewer, without a reason, and of a fulfilled order", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await expect(actions.retryFulfillment(deps, orderId, "because", viewer)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(actions.retryFulfillment(deps, orderId, " ", operator)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await drive(deps, orderId);
    await expect(actions.retryFulfillment(deps, orderId, "again", operator)).rejects.toMatchObject({
      code: "ORDER_ALREADY_FULFILLED",
      message: "Order is already fulfilled",
    });
  });

  it("sends a retry of an order CWS cancelled to an admin's Buy again, which archives the old CWS order", async () => {
    const orderId = await cancelledAtCws();
    const failed = await deps.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(failed.status).toBe("FAILED");
    await expect(actions.retryFulfillment(deps, orderId, "try", operator)).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(actions.confirmBuyAgain(deps, orderId, "CWS refunded us", operator)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const result = await actions.confirmBuyAgain(deps, orderId, "CWS refunded us", admin);
    expect(result.message).toBe("Fulfillment job queued");
    const reset = await deps.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(reset).toMatchObject({ status: "PENDING", cwsOrderId: null, placementGeneration: 2 });
    expect(JSON.parse(reset.archivedCwsOrderIds!)).toEqual([failed.cwsOrderId]);

    await sandbox.control("products", { productId: CWS_PRODUCTS.FROSTSP, sim: { mode: "instant" } });
    await drive(deps, orderId);
    expect((await deps.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("COMPLETED");
    expect((await sandbox.state()).ordersByClientOrderId[orderId]).toHaveLength(2);
  });

  it("lets only an admin mark failed an order whose purchase outcome is unknown", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await sandbox.control("faults", { timeout: { rate: 1, holdMs: 1500, routes: ["POST /v3/orders"], remaining: 3 } });
    await drive(deps, orderId);
    expect(await deps.db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({
      status: "PLACING",
      needsAttention: true,
    });

    await expect(actions.markFailed(deps, orderId, "checked the CWS panel", operator)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await actions.markFailed(deps, orderId, "checked the CWS panel: no order", admin);
    const failed = await deps.db.order.findUniqueOrThrow({ where: { id: orderId }, include: { events: true } });
    expect(failed).toMatchObject({ status: "FAILED", needsAttention: false });
    expect(failed.lastError).toContain("admin@example.com");
    expect(failed.events.some((event) => event.type === "MARKED_FAILED")).toBe(true);
  });

  it("refuses Mark failed for an order that has a CWS order", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await drive(deps, orderId);
    await expect(actions.markFailed(deps, orderId, "no reason to", admin)).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
  });
});
