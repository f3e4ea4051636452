import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { Order } from "@/lib/generated/prisma/client";
import { sendOrderPaid } from "./dispatch";
import type { FulfillmentDeps } from "./deps";
import { recordOrderEvent } from "./order-events";

export type CreatedOrder = { order: Order; replay: boolean };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Rules 1–5 of POST /order (§6.2), in one write transaction: a replay of the same reservation and
 * G2A order returns the existing order; anything else that reuses either id is ORDER_EXISTS; an
 * unknown reservation is NOT_FOUND; an expired or released one RESERVATION_EXPIRED.
 */
async function createOrReplay(deps: FulfillmentDeps, reservationId: string, g2aOrderId: string): Promise<CreatedOrder> {
  return deps.db.$transaction(async (tx) => {
    const byReservation = await tx.order.findUnique({ where: { reservationId } });
    if (byReservation) {
      if (byReservation.g2aOrderId === g2aOrderId) return { order: byReservation, replay: true };
      throw new AppError("ORDER_EXISTS", "reservation already used by another order");
    }
    if (await tx.order.findUnique({ where: { g2aOrderId }, select: { id: true } })) {
      throw new AppError("ORDER_EXISTS", "g2a_order_id already used with another reservation");
    }
    const reservation = await tx.reservation.findUnique({ where: { id: reservationId }, include: { items: { orderBy: { position: "asc" } } } });
    if (!reservation) throw new AppError("NOT_FOUND", "reservation not found");
    const now = deps.now();
    if (reservation.status !== "ACTIVE" || reservation.expiresAt <= now) throw new AppError("RESERVATION_EXPIRED", "reservation expired");

    const priced = reservation.items.every((item) => item.unitPriceCents !== null);
    const order = await tx.order.create({
      data: {
        id: randomUUID(),
        g2aOrderId,
        reservationId,
        status: "PENDING",
        saleTotalCents: priced ? reservation.items.reduce((sum, item) => sum + item.unitPriceCents! * BigInt(item.quantity), 0n) : null,
        lastProgressAt: now,
        createdAt: now,
        items: {
          create: reservation.items.map((item) => ({
            position: item.position,
            g2aProductId: item.g2aProductId,
            cwsProductId: item.cwsProductId,
            quantity: item.quantity,
            unitPriceCents: item.unitPriceCents,
            quotedCostCents: item.unitCostCents,
            minMarginCents: item.minMarginCents,
          })),
        },
      },
    });
    await tx.reservation.update({ where: { id: reservationId }, data: { status: "CONSUMED", consumedAt: now } });
    await tx.reservationItem.updateMany({ where: { reservationId }, data: { holdUntil: null } });
    const units = reservation.items.reduce((sum, item) => sum + item.quantity, 0);
    await recordOrderEvent(tx, order.id, "CREATED", `G2A order ${g2aOrderId} paid: ${units} key${units === 1 ? "" : "s"} to buy`, {
      details: { reservationId, g2aOrderId, lines: reservation.items.map((item) => ({ g2aProductId: item.g2aProductId, quantity: item.quantity })) },
    });
    return { order, replay: false };
  });
}

/**
 * POST /order: the order is stored from its reservation, then fulfilment is started. The event is
 * sent again on a replay with the same id, closing the window where a crash fell between the
 * commit and the send.
 */
export async function createOrderFromReservation(deps: FulfillmentDeps, reservationId: string, g2aOrderId: string): Promise<CreatedOrder> {
  let result: CreatedOrder;
  try {
    result = await createOrReplay(deps, reservationId, g2aOrderId);
  } catch (error) {
    // Another process won the race for one of the unique ids: decide again against what it wrote.
    if (!isUniqueViolation(error)) throw error;
    result = await createOrReplay(deps, reservationId, g2aOrderId);
  }
  await sendOrderPaid(deps, result.order.id);
  return result;
}
