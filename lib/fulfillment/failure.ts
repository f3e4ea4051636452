import { raiseAlert } from "@/lib/alerts";
import type { Prisma } from "@/lib/db";
import type { FulfillmentDeps } from "./deps";
import { recordOrderEvent } from "./order-events";
import { notifyOrderChanged } from "./order-watch";

type Tx = Prisma.TransactionClient;

/**
 * Ends an order as FAILED with a reason on-call staff understand; its units stop being held.
 * Only for failures where no CWS purchase can exist or CWS ended it (ARCHITECTURE §3, §8.1).
 */
export async function failOrder(deps: FulfillmentDeps, orderId: string, reason: string, options: { tx?: Tx; actor?: string; alertKind?: string } = {}): Promise<void> {
  const write = async (tx: Tx) => {
    const now = deps.now();
    await tx.order.update({ where: { id: orderId }, data: { status: "FAILED", lastError: reason, failedAt: now, lastProgressAt: now } });
    await tx.orderItem.updateMany({ where: { orderId }, data: { holdsStock: false } });
    await recordOrderEvent(tx, orderId, "FAILED", reason, { actor: options.actor });
  };
  if (options.tx) await write(options.tx);
  else await deps.db.$transaction(write);
  raiseAlert({ kind: options.alertKind ?? "order-failed", severity: "warning", orderId, message: reason });
  notifyOrderChanged(orderId);
}

/** Flags an order for a person without changing its state: time or doubt never fail an order once money may be spent. */
export async function flagNeedsAttention(deps: FulfillmentDeps, orderId: string, reason: string, options: { severity?: "warning" | "critical"; alertKind?: string } = {}): Promise<void> {
  const now = deps.now();
  const flagged = await deps.db.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { needsAttention: true, attentionReason: true } });
    if (order.needsAttention && order.attentionReason === reason) return false;
    await tx.order.update({ where: { id: orderId }, data: { needsAttention: true, attentionReason: reason, attentionSince: now } });
    await recordOrderEvent(tx, orderId, "NEEDS_ATTENTION", reason);
    return true;
  });
  if (flagged) raiseAlert({ kind: options.alertKind ?? "needs-attention", severity: options.severity ?? "warning", orderId, message: reason });
}
