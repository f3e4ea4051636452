import { cached, sqliteDateTime, type SqliteConnection } from "@/lib/db";

/**
 * held(P) of g2a-merchant-contract.md §5.1: units of each CWS product in ACTIVE reservations
 * (their holdUntil still ahead) plus units in orders CWS has not accepted yet (PENDING, PLACING).
 *
 * Runs inside a `writeSync` transaction on the reservation hot path, so it costs the same with ten
 * or a hundred thousand reservations: it first clears the product's holds that have lapsed by
 * `now` (an index range holding only those), after which the trigger-kept `StockHold` row is exactly
 * the units still held, one primary-key read.
 */
export function heldQuantities(sqlite: SqliteConnection, cwsProductIds: readonly string[], options: { now: Date; excludeReservationId?: string }): Map<string, number> {
  const now = sqliteDateTime(options.now);
  const clearLapsed = cached(sqlite, `UPDATE "ReservationItem" SET holdUntil = NULL WHERE cwsProductId = ? AND holdUntil <= ?`);
  const onHold = cached(sqlite, `SELECT units FROM "StockHold" WHERE cwsProductId = ?`);
  const ownHold = cached(sqlite, `SELECT COALESCE(SUM(quantity), 0) AS n FROM "ReservationItem" WHERE reservationId = ? AND cwsProductId = ? AND holdUntil IS NOT NULL`);
  const ordered = cached(sqlite, `SELECT COALESCE(SUM(quantity), 0) AS n FROM "OrderItem" WHERE cwsProductId = ? AND holdsStock = 1`);
  const held = new Map<string, number>();
  for (const id of cwsProductIds) {
    clearLapsed.run(id, now);
    let inReservations = Number((onHold.get(id) as { units: number } | undefined)?.units ?? 0);
    if (options.excludeReservationId) inReservations -= Number((ownHold.get(options.excludeReservationId, id) as { n: number }).n);
    held.set(id, inReservations + Number((ordered.get(id) as { n: number }).n));
  }
  return held;
}
