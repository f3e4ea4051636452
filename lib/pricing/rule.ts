/**
 * The one cost-plus-margin rule (ARCHITECTURE §9): a unit must bring us its CWS cost plus the
 * margin. The floor price, the reservation's PRICE_TOO_LOW check and the purchase price guard all
 * apply it, so we never list a price our own checks refuse.
 */

/** What one unit must bring us: its cost plus the margin. */
export function minimumIncomeCents(costCents: bigint, marginCents: bigint): bigint {
  return costCents + marginCents;
}

/** Whether a unit bringing `incomeCents` covers its cost plus the margin. */
export function coversCost(incomeCents: bigint, costCents: bigint, marginCents: bigint): boolean {
  return incomeCents >= minimumIncomeCents(costCents, marginCents);
}

/** The most we may pay CWS for a unit bringing `incomeCents`: the largest cost that still covers it. */
export function purchaseCeilingCents(incomeCents: bigint, marginCents: bigint): bigint {
  return incomeCents - minimumIncomeCents(0n, marginCents);
}
