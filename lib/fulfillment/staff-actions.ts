import { recordAudit, type Actor } from "@/lib/audit";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import type { FulfillmentDeps } from "./deps";
import { sendRetryRequested } from "./dispatch";
import { isTerminalFailure } from "./order-codes";
import { reasonSchema } from "./reason";
import { recordOrderEvent } from "./order-events";
import { notifyOrderChanged } from "./order-watch";

export type RetryResult = { success: true; orderId: string; jobId: string; message: "Fulfillment job queued" };

const RETRYABLE = ["PENDING", "PLACING", "AWAITING_CODES", "FAILED"] as const;

function requireRole(actor: Actor, roles: ReadonlyArray<Actor["role"]>, what: string): void {
  if (!roles.includes(actor.role)) throw new AppError("FORBIDDEN", `Your role (${actor.role}) cannot ${what}`);
}

function requireReason(reason: string): string {
  const parsed = reasonSchema.safeParse({ reason });
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", parsed.error.issues[0]?.message ?? "Give a reason", { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data.reason;
}

async function findOrder(deps: FulfillmentDeps, orderId: string) {
  const order = await deps.db.order.findUnique({ where: { id: orderId } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  return order;
}

/**
 * Retry Fulfillment (owner's spec; ARCHITECTURE §8): allowed from PENDING, PLACING, AWAITING_CODES
 * and FAILED. The new run replaces a stuck one and decides from the database: it never buys again
 * once a CWS order exists (it resumes polling), and an unknown outcome is searched for first.
 * A FAILED order whose CWS order ended in failure needs an admin's "Buy again" instead.
 */
export async function retryFulfillment(deps: FulfillmentDeps, orderId: string, reason: string, actor: Actor): Promise<RetryResult> {
  requireRole(actor, ["ADMIN", "OPERATOR"], "retry fulfilment");
  const why = requireReason(reason);
  const order = await findOrder(deps, orderId);
  if (order.status === "COMPLETED") throw new AppError("ORDER_ALREADY_FULFILLED", "Order is already fulfilled");
  if (!(RETRYABLE as readonly string[]).includes(order.status)) throw new AppError("INVALID_STATE", `An order in ${order.status} cannot be retried`);
  if (order.status === "FAILED" && order.cwsOrderId) {
    throw new AppError("INVALID_STATE", `CWS ended this order's purchase (${order.cwsOrderStatus ?? "failed"}): an admin must confirm "Buy again" to buy it anew`);
  }

  await deps.db.$transaction(async (tx) => {
    // A failed order, or one stopped on unknown outcomes, starts a new round of attempts: earlier
    // refusals and not-found attempts no longer count (the new round still searches the history first).
    const newRound = order.status === "FAILED" || (order.status === "PLACING" && order.needsAttention);
    await tx.order.update({
      where: { id: orderId },
      data: {
        ...(order.status === "FAILED" ? { status: "PENDING", failedAt: null } : {}),
        ...(newRound ? { placementGeneration: { increment: 1 } } : {}),
        needsAttention: false,
        attentionReason: null,
        attentionSince: null,
        lastProgressAt: deps.now(),
      },
    });
    if (order.status === "FAILED") await tx.orderItem.updateMany({ where: { orderId }, data: { holdsStock: true } });
    await recordOrderEvent(tx, orderId, "RETRY_REQUESTED", `${actor.email} asked to retry fulfilment: ${why}`, { actor: actor.email, details: { fromStatus: order.status } });
    await recordAudit(tx, actor, { action: "order.retry-fulfillment", targetType: "order", targetId: orderId, reason: why, details: { fromStatus: order.status } });
  });
  const jobId = await sendRetryRequested(orderId, actor.email, why);
  notifyOrderChanged(orderId);
  return { success: true, orderId, jobId, message: "Fulfillment job queued" };
}

/**
 * "Buy again" (ADMIN, ARCHITECTURE §8.2): for an order whose CWS order ended in a terminal failure.
 * The old CWS order id is archived on the order and a new round of attempts starts.
 */
export async function confirmBuyAgain(deps: FulfillmentDeps, orderId: string, reason: string, actor: Actor): Promise<RetryResult> {
  requireRole(actor, ["ADMIN"], "confirm buying again");
  const why = requireReason(reason);
  const order = await findOrder(deps, orderId);
  if (order.status !== "FAILED" || !order.cwsOrderId || !isTerminalFailure(order.cwsOrderStatus ?? "")) {
    throw new AppError("INVALID_STATE", "Buy again is only for a failed order whose CWS order was cancelled or failed at CWS");
  }
  const archived = [...(order.archivedCwsOrderIds ? (JSON.parse(order.archivedCwsOrderIds) as string[]) : []), order.cwsOrderId];
  await deps.db.$transaction(async (tx) => {
    await tx.order.update({
      where: { id: orderId },
      data: {
        status: "PENDING",
        archivedCwsOrderIds: JSON.stringify(archived),
        cwsOrderId: null,
        cwsOrderIdentifier: null,
        cwsOrderStatus: null,
        cwsOrderedAt: null,
        lastPolledAt: null,
        costTotalCents: null,
        failedAt: null,
        placementGeneration: { increment: 1 },
        needsAttention: false,
        attentionReason: null,
        attentionSince: null,
        lastProgressAt: deps.now(),
      },
    });
    await tx.orderItem.updateMany({ where: { orderId }, data: { holdsStock: true, unitCostCents: null } });
    await recordOrderEvent(tx, orderId, "RETRY_REQUESTED", `${actor.email} confirmed buying again (CWS order ${order.cwsOrderId} archived): ${why}`, {
      actor: actor.email,
      details: { archivedCwsOrderId: order.cwsOrderId },
    });
    await recordAudit(tx, actor, { action: "order.buy-again", targetType: "order", targetId: orderId, reason: why, details: { archivedCwsOrderId: order.cwsOrderId } });
  });
  const jobId = await sendRetryRequested(orderId, actor.email, why);
  notifyOrderChanged(orderId);
  return { success: true, orderId, jobId, message: "Fulfillment job queued" };
}

/**
 * "Mark failed" (ADMIN, ARCHITECTURE §8.1): for an order whose purchase outcome is unknown, after
 * checking CWS's panel by hand. Never for an order with a CWS order.
 */
export async function markFailed(deps: FulfillmentDeps, orderId: string, reason: string, actor: Actor): Promise<{ success: true; orderId: string }> {
  requireRole(actor, ["ADMIN"], "mark orders failed");
  const why = requireReason(reason);
  const order = await deps.db.order.findUnique({ where: { id: orderId }, include: { attempts: { select: { outcome: true } } } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  const outcomeUnknown = order.status === "PLACING" && !order.cwsOrderId && order.attempts.some((attempt) => attempt.outcome === null || attempt.outcome === "UNKNOWN" || attempt.outcome === "NOT_FOUND");
  if (!outcomeUnknown) throw new AppError("INVALID_STATE", "Mark failed is only for an order whose purchase outcome is unknown");
  const message = `Marked failed by ${actor.email} after checking CWS: ${why}`;
  await deps.db.$transaction(async (tx) => {
    const now = deps.now();
    await tx.order.update({ where: { id: orderId }, data: { status: "FAILED", lastError: message, failedAt: now, lastProgressAt: now, needsAttention: false, attentionReason: null, attentionSince: null } });
    await tx.orderItem.updateMany({ where: { orderId }, data: { holdsStock: false } });
    await recordOrderEvent(tx, orderId, "MARKED_FAILED", message, { actor: actor.email });
    await recordAudit(tx, actor, { action: "order.mark-failed", targetType: "order", targetId: orderId, reason: why });
  });
  notifyOrderChanged(orderId);
  return { success: true, orderId };
}
