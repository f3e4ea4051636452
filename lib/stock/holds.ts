import { cached, sqliteDateTime, type SqliteConnection } from "@/lib/db";

/**
 * held(P) of g2a-merchant-contract.md §5.1: units of each CWS product in ACTIVE reservations
 * (their holdUntil still ahead) plus units in orders CWS has not accepted yet (PENDING, PLACING).
 * Plain SQL, run inside a `writeSync` transaction: it sits on the reservation hot path.
 */
export function heldQuantities(sqlite: SqliteConnection, cwsProductIds: readonly string[], options: { now: Date; excludeReservationId?: string }): Map<string, number> {
  const held = new Map(cwsProductIds.map((id) => [id, 0]));
  const reserved = options.excludeReservationId
    ? cached(sqlite, `SELECT COALESCE(SUM(quantity), 0) AS n FROM "ReservationItem" WHERE cwsProductId = ? AND holdUntil > ? AND reservationId <> ?`)
    : cached(sqlite, `SELECT COALESCE(SUM(quantity), 0) AS n FROM "ReservationItem" WHERE cwsProductId = ? AND holdUntil > ?`);
  const ordered = cached(sqlite, `SELECT COALESCE(SUM(quantity), 0) AS n FROM "OrderItem" WHERE cwsProductId = ? AND holdsStock = 1`);
  const now = sqliteDateTime(options.now);
  for (const id of held.keys()) {
    const inReservations = (options.excludeReservationId ? reserved.get(id, now, options.excludeReservationId) : reserved.get(id, now)) as { n: number };
    held.set(id, Number(inReservations.n) + Number((ordered.get(id) as { n: number }).n));
  }
  return held;
}
