import type { Prisma } from "@/lib/db";

type Tx = Prisma.TransactionClient;

/**
 * held(P) of g2a-merchant-contract.md §5.1: units of each CWS product in ACTIVE reservations
 * (their holdUntil still ahead) plus units in orders CWS has not accepted yet (PENDING, PLACING).
 */
export async function heldQuantities(tx: Tx, cwsProductIds: readonly string[], options: { now: Date; excludeReservationId?: string }): Promise<Map<string, number>> {
  const ids = [...cwsProductIds];
  const [reserved, ordered] = await Promise.all([
    tx.reservationItem.groupBy({
      by: ["cwsProductId"],
      where: {
        cwsProductId: { in: ids },
        holdUntil: { gt: options.now },
        ...(options.excludeReservationId ? { reservationId: { not: options.excludeReservationId } } : {}),
      },
      _sum: { quantity: true },
    }),
    tx.orderItem.groupBy({ by: ["cwsProductId"], where: { cwsProductId: { in: ids }, holdsStock: true }, _sum: { quantity: true } }),
  ]);
  const held = new Map(ids.map((id) => [id, 0]));
  for (const row of [...reserved, ...ordered]) held.set(row.cwsProductId, (held.get(row.cwsProductId) ?? 0) + (row._sum.quantity ?? 0));
  return held;
}
