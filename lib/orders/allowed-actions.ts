import { hasRole, roleRefusal, type Role } from "@/lib/auth/roles";
import type { ErrorCode } from "@/lib/errors/codes";
import type { OrderStatus, PlacementOutcome } from "@/lib/generated/prisma/enums";
import { isTerminalFailure } from "@/lib/cws/order-status";
import { mayHaveBought } from "./lifecycle";

/** What staff can do to an order from its page (ARCHITECTURE §3, §8.1, §8.2, §8.10). */
export const STAFF_ACTIONS = ["retryFulfillment", "markFailed", "buyAgain", "revealKey"] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** Allowed, or why not: `code` is the API's answer (403 FORBIDDEN for the role, 409 for the order's state). */
export type ActionVerdict = { allowed: true } | { allowed: false; code: ErrorCode; reason: string };

/** What the rules look at. */
export type OrderFacts = {
  status: OrderStatus;
  needsAttention: boolean;
  cwsOrderId: string | null;
  cwsOrderStatus: string | null;
  attempts: ReadonlyArray<{ outcome: PlacementOutcome | null }>;
  keyCount: number;
};

/** The least role each action needs. */
export const STAFF_ACTION_ROLE: Record<StaffAction, Role> = {
  retryFulfillment: "OPERATOR",
  markFailed: "ADMIN",
  buyAgain: "ADMIN",
  revealKey: "ADMIN",
};

const ALLOWED: ActionVerdict = { allowed: true };
const refuse = (code: ErrorCode, reason: string): ActionVerdict => ({ allowed: false, code, reason });

/** Whether the order's state allows the action, whoever asks. */
function stateVerdict(order: OrderFacts, action: StaffAction): ActionVerdict {
  switch (action) {
    case "retryFulfillment":
      if (order.status === "COMPLETED") return refuse("ORDER_ALREADY_FULFILLED", "Order is already fulfilled");
      if (order.status === "FAILED" && order.cwsOrderId) {
        return refuse(
          "INVALID_STATE",
          `CWS ended this order's purchase (${order.cwsOrderStatus ?? "failed"}): an admin must confirm "Buy again" to buy it anew`,
        );
      }
      return ALLOWED;
    case "markFailed":
      // Outcome unknown (§8.1): the run stopped and asks a person, no CWS order is known, and an
      // attempt may have bought. Once CWS is checked by hand, an admin may end the order.
      return order.status === "PLACING" &&
        order.needsAttention &&
        !order.cwsOrderId &&
        order.attempts.some((attempt) => mayHaveBought(attempt.outcome))
        ? ALLOWED
        : refuse("INVALID_STATE", "Mark failed is only for an order whose purchase outcome is unknown");
    case "buyAgain":
      return order.status === "FAILED" && order.cwsOrderId && isTerminalFailure(order.cwsOrderStatus ?? "")
        ? ALLOWED
        : refuse(
            "INVALID_STATE",
            "Buy again is only for a failed order whose CWS order was cancelled or failed at CWS",
          );
    case "revealKey":
      return order.keyCount > 0 ? ALLOWED : refuse("NOT_FOUND", "This order has no stored key to reveal");
  }
}

/** The one rule for a staff action on an order: the role first (403), then the order's state. */
export function staffActionVerdict(order: OrderFacts, role: Role, action: StaffAction): ActionVerdict {
  if (!hasRole(role, STAFF_ACTION_ROLE[action]))
    return refuse("FORBIDDEN", roleRefusal(role, STAFF_ACTION_ROLE[action]));
  return stateVerdict(order, action);
}

/** Every staff action's verdict for this role: the order page shows exactly the allowed ones. */
export function staffActions(order: OrderFacts, role: Role): Record<StaffAction, ActionVerdict> {
  return Object.fromEntries(STAFF_ACTIONS.map((action) => [action, staffActionVerdict(order, role, action)])) as Record<
    StaffAction,
    ActionVerdict
  >;
}
