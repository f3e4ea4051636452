import { AppError } from "@/lib/errors";
import type { OrderStatus, PlacementOutcome } from "@/lib/generated/prisma/enums";

/**
 * The moves an order's status may make (ARCHITECTURE §3): forward along PENDING → PLACING →
 * AWAITING_CODES → COMPLETED, to FAILED from any unfinished state, and back from FAILED to PENDING
 * (Retry Fulfillment, or an admin's Buy again). PLACING → PLACING is a new round of purchase
 * attempts, only for an order stopped with needsAttention (outcome unknown). COMPLETED is final.
 */
export const ORDER_MOVES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ["PLACING", "FAILED"],
  PLACING: ["PLACING", "AWAITING_CODES", "FAILED"],
  AWAITING_CODES: ["COMPLETED", "FAILED"],
  COMPLETED: [],
  FAILED: ["PENDING"],
};

/** A status change the diagram does not allow; answered 409 INVALID_STATE. */
export class OrderTransitionError extends AppError {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
    detail: string,
  ) {
    super("INVALID_STATE", `An order cannot go from ${from} to ${to}: ${detail}`);
    this.name = "OrderTransitionError";
  }
}

/** Throws OrderTransitionError unless the order may move from `from` to `to` now. */
export function assertMove(from: OrderStatus, to: OrderStatus, order: { needsAttention: boolean }): void {
  if (!ORDER_MOVES[from].includes(to)) throw new OrderTransitionError(from, to, "not a move of the order lifecycle");
  if (from === "PLACING" && to === "PLACING" && !order.needsAttention) {
    throw new OrderTransitionError(from, to, "a new round of attempts is only for an order waiting for a person");
  }
}

/**
 * An attempt with no answer yet (sent, or no clear reply): the recovery search of
 * codeswholesale-v3.md §11.6 still has to look for it.
 */
export function isUnresolved(outcome: PlacementOutcome | null): boolean {
  return outcome === null || outcome === "UNKNOWN";
}

/**
 * An attempt that may have bought: unresolved, or searched for and not found (CWS may still create
 * it). Such an order's outcome is unknown until a person checks CWS's panel.
 */
export function mayHaveBought(outcome: PlacementOutcome | null): boolean {
  return isUnresolved(outcome) || outcome === "NOT_FOUND";
}
