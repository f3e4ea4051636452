import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/stores";
import { sendOrderPaid } from "./dispatch";
import { placeInRequest } from "./fast-path";
import type { FulfillmentDeps } from "./deps";

type StoredOrder = { orderId: string; replay: boolean; settled: boolean };

export type CreatedOrder = { orderId: string; replay: boolean };

/**
 * Rules 1–5 of POST /order (§6.2), in one synchronous write transaction: a replay of the same
 * reservation and G2A order returns the existing order; anything else that reuses either id is
 * ORDER_EXISTS; an unknown reservation is NOT_FOUND; an expired or released one RESERVATION_EXPIRED.
 */
function createOrReplay(deps: FulfillmentDeps, reservationId: string, g2aOrderId: string): Promise<StoredOrder> {
  return inTransaction(deps.db, (tx) => {
    const byReservation = tx.orders.byReservation(reservationId);
    if (byReservation) {
      if (byReservation.g2aOrderId === g2aOrderId)
        return {
          orderId: byReservation.id,
          replay: true,
          settled: byReservation.status === "COMPLETED" || byReservation.status === "FAILED",
        };
      throw new AppError("ORDER_EXISTS", "reservation already used by another order");
    }
    if (tx.orders.existsForG2aOrder(g2aOrderId))
      throw new AppError("ORDER_EXISTS", "g2a_order_id already used with another reservation");
    const reservation = tx.reservations.status(reservationId);
    if (!reservation) throw new AppError("NOT_FOUND", "reservation not found");
    const now = deps.now();
    if (reservation.status !== "ACTIVE" || reservation.expiresAt <= now)
      throw new AppError("RESERVATION_EXPIRED", "reservation expired");

    const lines = tx.reservations.lines(reservationId);
    const priced = lines.every((line) => line.unitPriceCents !== null);
    const saleTotalCents = priced
      ? lines.reduce((sum, line) => sum + line.unitPriceCents! * BigInt(line.quantity), 0n)
      : null;
    const orderId = randomUUID();
    const units = lines.reduce((sum, line) => sum + line.quantity, 0);
    tx.orders.create(
      {
        id: orderId,
        g2aOrderId,
        reservationId,
        saleTotalCents,
        lines: lines.map((line, position) => ({ ...line, position, quotedCostCents: line.unitCostCents })),
      },
      {
        type: "CREATED",
        message: `G2A order ${g2aOrderId} paid: ${units} key${units === 1 ? "" : "s"} to buy`,
        details: {
          reservationId,
          g2aOrderId,
          lines: lines.map((line) => ({ g2aProductId: line.g2aProductId, quantity: line.quantity })),
        },
      },
      now,
    );
    tx.reservations.consume(reservationId, now);
    return { orderId, replay: false, settled: false };
  });
}

/**
 * POST /order: the order is stored from its reservation, then bought while G2A waits (the fast path,
 * which hands anything it cannot settle to the workflow), or handed straight to the workflow when
 * purchases start there; the caller waits for the order to settle.
 * A replay of an order not yet settled sends its event, closing the window where a crash fell between
 * the commit and the purchase; the event id is the order id, and the placement lease keeps a purchase
 * in flight from being made twice.
 */
export async function createOrderFromReservation(
  deps: FulfillmentDeps,
  reservationId: string,
  g2aOrderId: string,
): Promise<CreatedOrder> {
  const { orderId, replay, settled } = await createOrReplay(deps, reservationId, g2aOrderId);
  const buyNow = !replay && deps.config.purchaseInRequest;
  const work = buyNow ? placeInRequest(deps, orderId) : settled ? null : sendOrderPaid(deps, orderId);
  // Not awaited: the caller waits for the order to settle, for as long as G2A may be kept waiting.
  work?.catch((error: unknown) =>
    deps.log.error(
      { orderId, reason: error instanceof Error ? error.message : String(error) },
      "the order could not be handed to the workflow; the re-send cron will",
    ),
  );
  return { orderId, replay };
}
