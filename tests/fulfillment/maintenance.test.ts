import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FulfillmentDeps } from "@/lib/fulfillment/deps";
import {
  checkCwsBalance,
  expireReservations,
  flagStuckOrders,
  ordersWaitingForARun,
  pollAwaitingOrders,
  syncMappedProducts,
} from "@/lib/fulfillment/maintenance";
import { advancePlacement } from "@/lib/fulfillment/placement";
import { CWS_PRODUCTS, startSandbox, type Sandbox } from "../support/cws-sandbox";
import type { TestDb } from "../support/test-db";
import { freshDbAndDeps, createPaidOrder } from "./support";

let sandbox: Sandbox;
let testDb: TestDb;
let deps: FulfillmentDeps;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => ({ testDb, deps } = await freshDbAndDeps(sandbox)));
afterEach(() => testDb.close());

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("background jobs", () => {
  it("stores EXPIRED on reservations whose time ran out, and only those", async () => {
    const expired = randomUUID();
    const active = randomUUID();
    await deps.db.reservation.create({
      data: {
        id: expired,
        expiresAt: minutesAgo(1),
        items: {
          create: [
            {
              position: 0,
              g2aProductId: "1",
              cwsProductId: "p",
              quantity: 1,
              unitCostCents: 1n,
              minMarginCents: 0n,
              holdUntil: minutesAgo(1),
            },
          ],
        },
      },
    });
    await deps.db.reservation.create({ data: { id: active, expiresAt: new Date(Date.now() + 60_000) } });
    expect(await expireReservations(deps)).toEqual({ expired: 1 });
    expect((await deps.db.reservation.findUniqueOrThrow({ where: { id: expired } })).status).toBe("EXPIRED");
    expect((await deps.db.reservation.findUniqueOrThrow({ where: { id: active } })).status).toBe("ACTIVE");
  });

  it("finds paid orders whose event never started a run", async () => {
    const waiting = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    const fresh = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await deps.db.order.update({ where: { id: waiting }, data: { createdAt: minutesAgo(2) } });
    expect(await ordersWaitingForARun(deps)).toEqual([waiting]);
    expect(await ordersWaitingForARun(deps)).not.toContain(fresh);
  });

  it("flags an order without progress, and one whose keys are late, but not a pre-order before its release", async () => {
    const stuck = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await deps.db.order.update({ where: { id: stuck }, data: { lastProgressAt: minutesAgo(20) } });
    await sandbox.control("products", { productId: CWS_PRODUCTS.NEONDO, sim: { mode: "delayed", delaySeconds: 3600 } });
    const late = await createPaidOrder(deps, [{ product: "NEONDO", quantity: 1 }]);
    await advancePlacement(deps, late, "run");
    const preorder = await createPaidOrder(deps, [{ product: "TPP", quantity: 1 }], { allowPreOrder: true });
    await advancePlacement(deps, preorder, "run");
    await deps.stock.read([CWS_PRODUCTS.TPP], { maxAgeMs: 0, fallbackMaxAgeMs: 0, timeoutMs: 2000 });
    await deps.db.order.updateMany({ where: { id: { in: [late, preorder] } }, data: { cwsOrderedAt: minutesAgo(11) } });

    expect(await flagStuckOrders(deps)).toEqual({ flagged: 2 });
    const flagged = await deps.db.order.findMany({
      where: { needsAttention: true },
      select: { id: true, attentionReason: true },
    });
    expect(flagged.map((order) => order.id).sort()).toEqual([late, stuck].sort());
    expect(flagged.find((order) => order.id === late)?.attentionReason).toContain("Keys late");
    expect(await flagStuckOrders(deps)).toEqual({ flagged: 0 });
  });

  it("keeps polling orders past their run's window when their next poll is due", async () => {
    await sandbox.control("products", { productId: CWS_PRODUCTS.NEONDO, sim: { mode: "delayed", delaySeconds: 1 } });
    const orderId = await createPaidOrder(deps, [{ product: "NEONDO", quantity: 1 }]);
    await advancePlacement(deps, orderId, "run");
    await deps.db.order.update({
      where: { id: orderId },
      data: { cwsOrderedAt: minutesAgo(45), lastPolledAt: minutesAgo(6) },
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await pollAwaitingOrders(deps)).toEqual({ polled: 1, completed: 1 });
    expect((await deps.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("COMPLETED");
  });

  it("records the CWS balance and says when it is low", async () => {
    expect(await checkCwsBalance(deps, "50.00")).toEqual({ totalToUseCents: "100000", low: false });
    await sandbox.control("account", { currentBalance: 12.5 });
    expect(await checkCwsBalance(deps, "50.00")).toMatchObject({ totalToUseCents: "1250", low: true });
    expect(JSON.parse((await deps.db.setting.findUniqueOrThrow({ where: { key: "cwsBalance" } })).value)).toMatchObject(
      { totalToUseCents: "1250", low: true },
    );
  });

  it("refreshes the stock of every mapped product in one call", async () => {
    await createPaidOrder(deps, [
      { product: "SKYOUT", quantity: 1 },
      { product: "MISTVH", quantity: 1 },
    ]);
    expect(await syncMappedProducts(deps)).toEqual({ products: 2 });
    expect(await deps.db.cwsProductSnapshot.count()).toBe(2);
    expect((await sandbox.state()).counters.requests["GET /v3/products"]).toBe(1);
  });
});
