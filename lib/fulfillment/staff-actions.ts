import { resolveAlerts } from "@/lib/alerts";
import type { Actor } from "@/lib/audit";
import { requireRole } from "@/lib/auth/roles";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { STAFF_ACTION_ROLE, staffActionVerdict, type OrderFacts, type StaffAction } from "@/lib/orders/allowed-actions";
import type { TimelineEntry } from "@/lib/orders/timeline-store";
import { inTransaction, type Stores } from "@/lib/stores";
import type { FulfillmentDeps } from "./deps";
import { sendRetryRequested } from "./dispatch";
import { notifyOrderChanged } from "./order-watch";
import { reasonSchema } from "./reason";

export type RetryResult = { success: true; orderId: string; jobId: string; message: "Fulfillment job queued" };

function requireReason(reason: string): string {
  const parsed = reasonSchema.safeParse({ reason });
  if (!parsed.success)
    throw new AppError("VALIDATION_FAILED", parsed.error.issues[0]?.message ?? "Give a reason", {
      fieldErrors: fieldErrorsOf(parsed.error),
    });
  return parsed.data.reason;
}

/** What the staff-action rules look at, read in the action's own transaction. */
export function readOrderFacts(tx: Stores, orderId: string): (OrderFacts & { id: string }) | undefined {
  const order = tx.orders.state(orderId);
  if (!order) return undefined;
  const keyCount = [...tx.keys.countPerLine(orderId).values()].reduce((sum, count) => sum + count, 0);
  return { ...order, attempts: tx.attempts.list(orderId), keyCount };
}

/** What a staff action wrote: its audit line's action and details (who, why and when are added). */
type Audited = { audit: string; details?: Record<string, unknown> };

/**
 * Checks the role, the reason and then, in one transaction with the change itself and its audit
 * line, that the order allows the action (lib/orders/allowed-actions.ts, the rule the order page
 * shows). Returns the reason as validated.
 */
async function act(
  deps: FulfillmentDeps,
  orderId: string,
  reason: string,
  actor: Actor,
  action: StaffAction,
  change: (tx: Stores, order: OrderFacts, why: string, at: Date) => Audited,
): Promise<string> {
  requireRole(actor, STAFF_ACTION_ROLE[action]);
  const why = requireReason(reason);
  await inTransaction(deps.db, (tx) => {
    const order = readOrderFacts(tx, orderId);
    if (!order) throw new AppError("NOT_FOUND", "Order not found");
    const verdict = staffActionVerdict(order, actor.role, action);
    if (!verdict.allowed) throw new AppError(verdict.code, verdict.reason);
    const now = deps.now();
    const { audit, details } = change(tx, order, why, now);
    tx.audit.record(actor, { action: audit, targetType: "order", targetId: orderId, reason: why, details }, now);
  });
  notifyOrderChanged(orderId);
  return why;
}

/** Starts the new run of a retried order: the event's id is the job id staff see. */
async function queueRun(orderId: string, actor: Actor, why: string): Promise<RetryResult> {
  const jobId = await sendRetryRequested(orderId, actor.email, why);
  return { success: true, orderId, jobId, message: "Fulfillment job queued" };
}

/**
 * Retry Fulfillment (owner's spec; ARCHITECTURE §8): the new run replaces a stuck one and decides
 * from the database: it never buys again once a CWS order exists (it resumes polling), and an
 * unknown outcome is searched for first. A failed order, or one stopped on unknown outcomes, starts
 * a new round of attempts: earlier refusals and not-found attempts no longer count.
 */
export async function retryFulfillment(
  deps: FulfillmentDeps,
  orderId: string,
  reason: string,
  actor: Actor,
): Promise<RetryResult> {
  const why = await act(deps, orderId, reason, actor, "retryFulfillment", (tx, order, why, now) => {
    const details = { fromStatus: order.status };
    const message = `${actor.email} asked to retry fulfilment: ${why}`;
    const event: TimelineEntry = { type: "RETRY_REQUESTED", message, actor: actor.email, details };
    if (order.status === "FAILED") tx.orders.transition(orderId, { to: "PENDING", event }, now);
    else if (order.status === "PLACING" && order.needsAttention)
      tx.orders.transition(orderId, { to: "PLACING", event }, now);
    else tx.orders.acknowledgeRetry(orderId, event, now);
    return { audit: "order.retry-fulfillment", details };
  });
  return queueRun(orderId, actor, why);
}

/**
 * "Buy again" (ADMIN, ARCHITECTURE §8.2): for an order whose CWS order ended in a terminal failure.
 * The old CWS order id is archived on the order and a new round of attempts starts.
 */
export async function confirmBuyAgain(
  deps: FulfillmentDeps,
  orderId: string,
  reason: string,
  actor: Actor,
): Promise<RetryResult> {
  const why = await act(deps, orderId, reason, actor, "buyAgain", (tx, order, why, now) => {
    const details = { archivedCwsOrderId: order.cwsOrderId };
    const archivedCwsOrderIds = tx.orders.archivedCwsOrderIds(orderId).concat(order.cwsOrderId!);
    const message = `${actor.email} confirmed buying again (CWS order ${order.cwsOrderId} archived): ${why}`;
    const event: TimelineEntry = { type: "RETRY_REQUESTED", message, actor: actor.email, details };
    tx.orders.transition(orderId, { to: "PENDING", buyAgain: { archivedCwsOrderIds }, event }, now);
    return { audit: "order.buy-again", details };
  });
  return queueRun(orderId, actor, why);
}

/**
 * "Mark failed" (ADMIN, ARCHITECTURE §8.1): for an order whose purchase outcome is unknown, after
 * checking CWS's panel by hand. Never for an order with a CWS order.
 */
export async function markFailed(
  deps: FulfillmentDeps,
  orderId: string,
  reason: string,
  actor: Actor,
): Promise<{ success: true; orderId: string }> {
  await act(deps, orderId, reason, actor, "markFailed", (tx, _order, why, now) => {
    const message = `Marked failed by ${actor.email} after checking CWS: ${why}`;
    const event: TimelineEntry = { type: "MARKED_FAILED", message, actor: actor.email };
    tx.orders.transition(orderId, { to: "FAILED", reason: message, clearAttention: true, event }, now);
    return { audit: "order.mark-failed" };
  });
  // A person checked CWS and decided: the order no longer waits for one.
  await resolveAlerts(deps.db, { kind: "order", orderId }, `Marked failed by ${actor.email} after checking CWS`);
  return { success: true, orderId };
}
