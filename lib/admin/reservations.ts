import { z } from "zod";
import type { Db, Prisma } from "@/lib/db";
import { pageQuerySchema, pageWindow } from "./paging";

/** Query of the reservations list: active ones (still holding stock) or past ones, an exact id, pages. */
export const reservationListQuerySchema = z
  .object({
    state: z.enum(["active", "past"]).default("active"),
    q: z.string().trim().max(64).optional(),
  })
  .extend(pageQuerySchema.shape);
export type ReservationListQuery = z.infer<typeof reservationListQuerySchema>;

/** ACTIVE in the table but past its expiry counts as expired: expiry needs no write (see ReservationItem.holdUntil). */
function stateCondition(state: ReservationListQuery["state"], now: Date): Prisma.ReservationWhereInput {
  return state === "active"
    ? { status: "ACTIVE", expiresAt: { gt: now } }
    : { OR: [{ status: { not: "ACTIVE" } }, { expiresAt: { lte: now } }] };
}

export async function listReservations(db: Db, query: ReservationListQuery, now = new Date()) {
  const where: Prisma.ReservationWhereInput = {
    ...stateCondition(query.state, now),
    ...(query.q ? { id: query.q.toLowerCase() } : {}),
  };
  const [rows, total] = await Promise.all([
    db.reservation.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageWindow(query),
      include: {
        items: { orderBy: { position: "asc" } },
        order: { select: { id: true, g2aOrderId: true, status: true } },
      },
    }),
    db.reservation.count({ where }),
  ]);
  return {
    items: rows.map((reservation) => ({
      id: reservation.id,
      status: reservation.status === "ACTIVE" && reservation.expiresAt <= now ? "EXPIRED" : reservation.status,
      createdAt: reservation.createdAt.toISOString(),
      expiresAt: reservation.expiresAt.toISOString(),
      renewedAt: reservation.renewedAt?.toISOString() ?? null,
      endedAt: (reservation.consumedAt ?? reservation.releasedAt)?.toISOString() ?? null,
      order: reservation.order,
      items: reservation.items.map((item) => ({
        g2aProductId: item.g2aProductId,
        cwsProductId: item.cwsProductId,
        quantity: item.quantity,
        unitPriceCents: item.unitPriceCents?.toString() ?? null,
        unitCostCents: item.unitCostCents.toString(),
      })),
    })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}
export type ReservationPage = Awaited<ReturnType<typeof listReservations>>;
