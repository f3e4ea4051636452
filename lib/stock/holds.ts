import type { Stores } from "@/lib/stores";

/**
 * held(P) of g2a-merchant-contract.md §5.1: units of each CWS product in ACTIVE reservations
 * (their holdUntil still ahead) plus units in orders CWS has not accepted yet (PENDING, PLACING).
 * Runs inside the reservation's write transaction, and costs the same with ten or a hundred
 * thousand reservations (see ReservationStore.unitsHeld).
 */
export function heldQuantities(
  tx: Stores,
  cwsProductIds: readonly string[],
  options: { now: Date; excludeReservationId?: string },
): Map<string, number> {
  const held = new Map<string, number>();
  for (const id of cwsProductIds) {
    held.set(id, tx.reservations.unitsHeld(id, options.now, options.excludeReservationId) + tx.orders.unitsHeld(id));
  }
  return held;
}
