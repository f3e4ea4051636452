import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pollCwsOrder } from "@/lib/fulfillment/collect-keys";
import type { FulfillmentDeps } from "@/lib/fulfillment/deps";
import { keyContext } from "@/lib/fulfillment/inventory";
import { advancePlacement } from "@/lib/fulfillment/placement";
import { handleFulfillmentFailure } from "@/lib/fulfillment/run-failure";
import { CWS_PRODUCTS, startSandbox, type Sandbox } from "../support/cws-sandbox";
import type { TestDb } from "../support/test-db";
import { freshDbAndDeps, createPaidOrder, drive } from "./support";

let sandbox: Sandbox;
let testDb: TestDb;
let deps: FulfillmentDeps;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => ({ testDb, deps } = await freshDbAndDeps(sandbox)));
afterEach(() => testDb.close());

const order = (orderId: string) =>
  deps.db.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { items: true, keys: true, attempts: true, events: true },
  });
const cwsOrdersFor = async (orderId: string) => (await sandbox.state()).ordersByClientOrderId[orderId] ?? [];

describe("placing a CWS order and collecting its keys", () => {
  it("buys instant text keys once and completes the order with the keys sealed", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 2, unitPriceCents: 1500n }]);
    // CWS's answer to the purchase carries the keys: the step that bought them completes the order.
    expect(await drive(deps, orderId)).toEqual([{ next: "stop", status: "COMPLETED", reason: "every key is stored" }]);

    const done = await order(orderId);
    expect(done.status).toBe("COMPLETED");
    expect(done.keys).toHaveLength(2);
    expect(done.items[0]).toMatchObject({ holdsStock: false, unitCostCents: 1249n });
    expect(done.costTotalCents).toBe(2498n);
    const codes = done.keys.map((key) => Buffer.from(deps.vault.open(key.sealed, keyContext(key.id))).toString("utf8"));
    expect(codes.every((code) => /^SKYOUT-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(code))).toBe(true);
    for (const key of done.keys) expect(Buffer.from(key.sealed).toString("latin1")).not.toContain("SKYOUT-");
    expect(await cwsOrdersFor(orderId)).toHaveLength(1);
    expect(done.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(["PLACEMENT_ATTEMPT", "PLACEMENT_OUTCOME", "KEYS_STORED", "COMPLETED"]),
    );
    expect(JSON.stringify(done.events)).not.toMatch(/SKYOUT-[A-Z0-9]{4}/);
  });

  it("takes the units CWS sold us off the stock snapshot", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "MISTVH", quantity: 3 }]);
    await deps.stock.read([CWS_PRODUCTS.MISTVH], { maxAgeMs: 0, fallbackMaxAgeMs: 0, timeoutMs: 2000 });
    await drive(deps, orderId);
    expect(
      (await deps.db.cwsProductSnapshot.findUniqueOrThrow({ where: { cwsProductId: CWS_PRODUCTS.MISTVH } })).quantity,
    ).toBe(32);
  });

  it("waits for delayed keys, then completes", async () => {
    await sandbox.control("products", { productId: CWS_PRODUCTS.NEONDO, sim: { mode: "delayed", delaySeconds: 1 } });
    const orderId = await createPaidOrder(deps, [{ product: "NEONDO", quantity: 2 }]);
    expect(await advancePlacement(deps, orderId, "run")).toEqual({ next: "poll" });
    expect((await order(orderId)).status).toBe("AWAITING_CODES");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await pollCwsOrder(deps, orderId)).toMatchObject({
      status: "COMPLETED",
      storedNow: 2,
      missing: 0,
      nextPollInMs: null,
    });
  });

  it("stores image codes as files with their MIME type", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "TWICO", quantity: 2 }]);
    await drive(deps, orderId);
    const done = await order(orderId);
    expect(done.status).toBe("COMPLETED");
    expect(done.keys.map((key) => [key.kind, key.mimeType])).toEqual([
      ["FILE", "image/png"],
      ["FILE", "image/png"],
    ]);
    const bytes = Buffer.from(deps.vault.open(done.keys[0]!.sealed, keyContext(done.keys[0]!.id)));
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("keeps a pre-order waiting until CWS releases it", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "TPP", quantity: 1 }], { allowPreOrder: true });
    expect(await advancePlacement(deps, orderId, "run")).toEqual({ next: "poll" });
    expect(await pollCwsOrder(deps, orderId)).toMatchObject({ status: "AWAITING_CODES", storedNow: 0, missing: 1 });
    const sent = JSON.parse((await order(orderId)).attempts[0]!.requestBody) as { allowPreOrder: boolean };
    expect(sent.allowPreOrder).toBe(true);
    await sandbox.control("release-preorders", {});
    expect(await pollCwsOrder(deps, orderId)).toMatchObject({ status: "COMPLETED", storedNow: 1 });
  });

  it("fails the order with a clear reason when the CWS balance is too low, buying nothing", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "TPWHP", quantity: 1 }]);
    expect((await drive(deps, orderId)).at(-1)).toMatchObject({ next: "stop", status: "FAILED" });
    const failed = await order(orderId);
    expect(failed.lastError).toContain("balance is too low");
    expect(failed.items[0]?.holdsStock).toBe(false);
    expect(failed.attempts[0]).toMatchObject({ outcome: "REFUSED", cwsErrorCode: "10002" });
    expect(await cwsOrdersFor(orderId)).toHaveLength(0);
  });

  it("fails without buying when the price rose above the ceiling", async () => {
    const orderId = await createPaidOrder(deps, [
      { product: "MISTVH", quantity: 1, unitPriceCents: 2600n, minMarginCents: 50n },
    ]);
    await sandbox.control("products", { productId: CWS_PRODUCTS.MISTVH, prices: [{ value: 25.6, from: 1, to: null }] });
    expect((await drive(deps, orderId)).at(-1)).toMatchObject({ next: "stop", status: "FAILED" });
    expect((await order(orderId)).lastError).toContain("Price above ceiling");
    expect((await sandbox.state()).counters.requests["POST /v3/orders"]).toBeUndefined();
  });

  it("buys at the new price when it rose but stays under the ceiling", async () => {
    const orderId = await createPaidOrder(deps, [
      { product: "MISTVH", quantity: 1, unitPriceCents: 2600n, minMarginCents: 50n },
    ]);
    await sandbox.control("products", { productId: CWS_PRODUCTS.MISTVH, prices: [{ value: 25.3, from: 1, to: null }] });
    await drive(deps, orderId);
    const done = await order(orderId);
    expect(done.status).toBe("COMPLETED");
    expect(JSON.parse(done.attempts[0]!.requestBody)).toMatchObject({ products: [{ price: 25.3 }] });
  });

  it("re-prices once when CWS refuses a price that moved since the snapshot", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "MISTVH", quantity: 1, unitPriceCents: 3000n }]);
    await deps.stock.read([CWS_PRODUCTS.MISTVH], { maxAgeMs: 0, fallbackMaxAgeMs: 0, timeoutMs: 2000 });
    await sandbox.control("products", { productId: CWS_PRODUCTS.MISTVH, prices: [{ value: 25.5, from: 1, to: null }] });
    await drive(deps, orderId);
    const done = await order(orderId);
    expect(done.status).toBe("COMPLETED");
    expect(done.attempts.map((attempt) => attempt.outcome)).toEqual(["PRICE_REFUSED", "CREATED"]);
    expect(await cwsOrdersFor(orderId)).toHaveLength(1);
  });

  it("finds an order CWS created but answered with 500, and never buys it twice", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await sandbox.control("faults", { acceptThenFail: { rate: 1, mode: "500", remaining: 1 } });
    await drive(deps, orderId);
    const done = await order(orderId);
    expect(done.status).toBe("COMPLETED");
    expect(done.attempts.map((attempt) => attempt.outcome)).toEqual(["RECOVERED"]);
    expect(await cwsOrdersFor(orderId)).toHaveLength(1);
    expect((await sandbox.state()).counters.requests["POST /v3/orders"]).toBe(1);
  });

  it("buys again with the same client order id only after two searches found nothing", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await sandbox.control("faults", { timeout: { rate: 1, holdMs: 1500, routes: ["POST /v3/orders"], remaining: 1 } });
    await drive(deps, orderId);
    const done = await order(orderId);
    expect(done.status).toBe("COMPLETED");
    expect(done.attempts.map((attempt) => attempt.outcome)).toEqual(["NOT_FOUND", "CREATED"]);
    expect(done.attempts[0]?.recoveryChecks).toBe(2);
    expect(await cwsOrdersFor(orderId)).toHaveLength(1);
  });

  it("stops at PLACING with needsAttention after three unknown outcomes, never FAILED", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await sandbox.control("faults", { timeout: { rate: 1, holdMs: 1500, routes: ["POST /v3/orders"], remaining: 3 } });
    const decisions = await drive(deps, orderId);
    expect(decisions.at(-1)).toMatchObject({ next: "stop", status: "PLACING" });
    const stuck = await order(orderId);
    expect(stuck).toMatchObject({ status: "PLACING", needsAttention: true });
    expect(stuck.attentionReason).toContain("Outcome unknown");
    expect(await cwsOrdersFor(orderId)).toHaveLength(0);
  });

  it("waits for Retry-After after a 429 on the purchase, then buys", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await sandbox.control("faults", { error5xx: { rate: 1, status: 429, routes: ["POST /v3/orders"], remaining: 1 } });
    const decisions = await drive(deps, orderId);
    expect(decisions[0]).toMatchObject({ next: "wait", ms: 1000 });
    expect((await order(orderId)).attempts.map((attempt) => attempt.outcome)).toEqual(["NOT_PROCESSED", "CREATED"]);
  });

  it("lets only one of two concurrent runs place the order", async () => {
    await sandbox.control("faults", { latency: { ms: 300, jitterMs: 0, routes: ["POST /v3/orders"] } });
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    const [first, second] = await Promise.all([
      advancePlacement(deps, orderId, "run-a"),
      advancePlacement(deps, orderId, "run-b"),
    ]);
    // The run holding the lease buys (and completes: SKYOUT's keys come with the purchase); the other waits.
    expect([first.next, second.next].sort()).toEqual(["stop", "wait"]);
    expect(await cwsOrdersFor(orderId)).toHaveLength(1);
  });

  it("fails the order when CWS cancels it", async () => {
    await sandbox.control("products", { productId: CWS_PRODUCTS.FROSTSP, sim: { mode: "delayed", delaySeconds: 120 } });
    const orderId = await createPaidOrder(deps, [{ product: "FROSTSP", quantity: 1 }]);
    await advancePlacement(deps, orderId, "run");
    const cwsOrderId = (await order(orderId)).cwsOrderId!;
    await sandbox.control(`orders/${cwsOrderId}/status`, { status: "Cancelled", refund: true });
    expect(await pollCwsOrder(deps, orderId)).toMatchObject({ status: "FAILED", cwsStatus: "Cancelled" });
    expect((await order(orderId)).lastError).toContain("Cancelled");
  });
});

describe("when a fulfilment run gives up", () => {
  it("fails an order no attempt can have reached CWS for", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await handleFulfillmentFailure(deps, orderId, "database locked");
    const failed = await order(orderId);
    expect(failed.status).toBe("FAILED");
    expect(failed.lastError).toContain("before anything was bought");
  });

  it("keeps an order whose purchase may exist and flags it for a person instead", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await sandbox.control("faults", { error5xx: { rate: 1, status: 502, routes: ["POST /v3/orders"], remaining: 1 } });
    await advancePlacement(deps, orderId, "run");
    await handleFulfillmentFailure(deps, orderId, "step kept failing");
    expect(await order(orderId)).toMatchObject({ status: "PLACING", needsAttention: true });
  });
});
