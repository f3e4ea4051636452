import { randomUUID } from "node:crypto";
import { cached, sqliteDateTime, writeSync } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sendOrderPaid } from "./dispatch";
import type { FulfillmentDeps } from "./deps";
import { appendOrderEvent } from "./order-events";

export type CreatedOrder = { orderId: string; replay: boolean };

type ReservationLineRow = {
  position: bigint;
  g2aProductId: string;
  cwsProductId: string;
  quantity: bigint;
  unitPriceCents: bigint | null;
  unitCostCents: bigint;
  minMarginCents: bigint;
};

/**
 * Rules 1–5 of POST /order (§6.2), in one synchronous write transaction (plain SQL: it runs for
 * every sale): a replay of the same reservation and G2A order returns the existing order; anything
 * else that reuses either id is ORDER_EXISTS; an unknown reservation is NOT_FOUND; an expired or
 * released one RESERVATION_EXPIRED. BEGIN IMMEDIATE serializes it with any other process's writes.
 */
function createOrReplay(deps: FulfillmentDeps, reservationId: string, g2aOrderId: string): Promise<CreatedOrder> {
  return writeSync(deps.db, (sqlite) => {
    const byReservation = cached(sqlite, `SELECT id, g2aOrderId FROM "Order" WHERE reservationId = ?`).get(reservationId) as { id: string; g2aOrderId: string } | undefined;
    if (byReservation) {
      if (byReservation.g2aOrderId === g2aOrderId) return { orderId: byReservation.id, replay: true };
      throw new AppError("ORDER_EXISTS", "reservation already used by another order");
    }
    if (cached(sqlite, `SELECT id FROM "Order" WHERE g2aOrderId = ?`).get(g2aOrderId)) {
      throw new AppError("ORDER_EXISTS", "g2a_order_id already used with another reservation");
    }
    const reservation = cached(sqlite, `SELECT status, expiresAt FROM "Reservation" WHERE id = ?`).get(reservationId) as { status: string; expiresAt: string } | undefined;
    if (!reservation) throw new AppError("NOT_FOUND", "reservation not found");
    const now = deps.now();
    if (reservation.status !== "ACTIVE" || new Date(reservation.expiresAt) <= now) throw new AppError("RESERVATION_EXPIRED", "reservation expired");

    const items = cached(
      sqlite,
      `SELECT position, g2aProductId, cwsProductId, quantity, unitPriceCents, unitCostCents, minMarginCents FROM "ReservationItem" WHERE reservationId = ? ORDER BY position ASC`,
    ).all(reservationId) as ReservationLineRow[];
    const priced = items.every((item) => item.unitPriceCents !== null);
    const saleTotalCents = priced ? items.reduce((sum, item) => sum + BigInt(item.unitPriceCents!) * BigInt(item.quantity), 0n) : null;
    const orderId = randomUUID();
    const stamp = sqliteDateTime(now);
    cached(
      sqlite,
      `INSERT INTO "Order" (id, g2aOrderId, reservationId, status, saleTotalCents, lastProgressAt, createdAt, updatedAt) VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?)`,
    ).run(orderId, g2aOrderId, reservationId, saleTotalCents, stamp, stamp, stamp);
    const insertItem = cached(
      sqlite,
      `INSERT INTO "OrderItem" (id, orderId, position, g2aProductId, cwsProductId, quantity, unitPriceCents, quotedCostCents, minMarginCents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const item of items) {
      insertItem.run(randomUUID(), orderId, item.position, item.g2aProductId, item.cwsProductId, item.quantity, item.unitPriceCents, item.unitCostCents, item.minMarginCents);
    }
    cached(sqlite, `UPDATE "Reservation" SET status = 'CONSUMED', consumedAt = ? WHERE id = ?`).run(stamp, reservationId);
    cached(sqlite, `UPDATE "ReservationItem" SET holdUntil = NULL WHERE reservationId = ?`).run(reservationId);
    const units = items.reduce((sum, item) => sum + Number(item.quantity), 0);
    appendOrderEvent(sqlite, orderId, "CREATED", `G2A order ${g2aOrderId} paid: ${units} key${units === 1 ? "" : "s"} to buy`, {
      details: { reservationId, g2aOrderId, lines: items.map((item) => ({ g2aProductId: item.g2aProductId, quantity: Number(item.quantity) })) },
    });
    return { orderId, replay: false };
  });
}

/**
 * POST /order: the order is stored from its reservation, then fulfilment is started. The event is
 * sent again on a replay with the same id, closing the window where a crash fell between the
 * commit and the send.
 */
export async function createOrderFromReservation(deps: FulfillmentDeps, reservationId: string, g2aOrderId: string): Promise<CreatedOrder> {
  const result = await createOrReplay(deps, reservationId, g2aOrderId);
  await sendOrderPaid(deps, result.orderId);
  return result;
}
