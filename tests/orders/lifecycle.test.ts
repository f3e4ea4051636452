import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import { OrderTransitionError } from "@/lib/orders/lifecycle";
import type { StatusChange } from "@/lib/orders/order-store";
import { inTransaction } from "@/lib/stores";
import { createTestDb, type TestDb } from "../support/test-db";

// The order states diagram of ARCHITECTURE §3, written out here on its own: every other move is refused.
const DIAGRAM = new Set([
  "PENDING -> PLACING",
  "PLACING -> AWAITING_CODES",
  "AWAITING_CODES -> COMPLETED",
  "PENDING -> FAILED",
  "PLACING -> FAILED",
  "AWAITING_CODES -> FAILED",
  // Retry Fulfillment and an admin's Buy again.
  "FAILED -> PENDING",
  // A new round of attempts for an order stopped on unknown outcomes (needsAttention).
  "PLACING -> PLACING with needsAttention",
]);

const STATUSES = Object.values(OrderStatus);
const at = new Date("2026-12-01T10:00:00.000Z");

function changeTo(to: OrderStatus): StatusChange {
  const event = { type: "POLLED" as const, message: `moved to ${to}` };
  switch (to) {
    case "AWAITING_CODES":
      return {
        to,
        event,
        cwsOrder: {
          orderId: "cws-1",
          identifier: "TOGENERATE-1",
          status: "Processing",
          orderedAt: at,
          totalCents: 100n,
        },
        unitCostByItem: new Map(),
      };
    case "FAILED":
      return { to, event, reason: "refused" };
    default:
      return { to, event };
  }
}

let t: TestDb;
beforeAll(() => {
  t = createTestDb();
});
afterAll(() => t.close());

async function orderIn(status: OrderStatus, needsAttention: boolean): Promise<string> {
  const id = randomUUID();
  await t.db.reservation.create({ data: { id, status: "CONSUMED", expiresAt: at } });
  await t.db.order.create({ data: { id, g2aOrderId: randomUUID(), reservationId: id, status, needsAttention } });
  return id;
}

const cases = STATUSES.flatMap((from) =>
  STATUSES.flatMap((to) =>
    [false, true].map((needsAttention) => ({
      from,
      to,
      needsAttention,
      name: `${from} -> ${to}${needsAttention ? " with needsAttention" : ""}`,
    })),
  ),
);

describe("the order lifecycle", () => {
  it.each(cases)("$name", async ({ from, to, needsAttention, name }) => {
    const allowed = DIAGRAM.has(`${from} -> ${to}`) || (needsAttention && DIAGRAM.has(name));
    const orderId = await orderIn(from, needsAttention);
    const move = inTransaction(t.db, (tx) => tx.orders.transition(orderId, changeTo(to), at));
    const events = () => t.db.orderEvent.count({ where: { orderId } });
    if (allowed) {
      await expect(move).resolves.toBe(to);
      expect((await t.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe(to);
      expect(await events()).toBe(1);
    } else {
      await expect(move).rejects.toBeInstanceOf(OrderTransitionError);
      await expect(move).rejects.toMatchObject({ code: "INVALID_STATE", status: 409 });
      expect((await t.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe(from);
      expect(await events()).toBe(0);
    }
  });

  it("writes nothing of a move when the rest of its transaction fails", async () => {
    const orderId = await orderIn("AWAITING_CODES", false);
    const failing = inTransaction(t.db, (tx) => {
      tx.orders.transition(orderId, changeTo("COMPLETED"), at);
      throw new Error("the caller's next write failed");
    });
    await expect(failing).rejects.toThrow("the caller's next write failed");
    expect((await t.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("AWAITING_CODES");
    expect(await t.db.orderEvent.count({ where: { orderId } })).toBe(0);
  });
});
