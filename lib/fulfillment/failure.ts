import { raiseAlert } from "@/lib/alerts";
import { cached, sqliteDateTime, writeSync, type SqliteConnection } from "@/lib/db";
import type { FulfillmentDeps } from "./deps";
import { appendOrderEvent } from "./order-events";
import { notifyOrderChanged } from "./order-watch";

/**
 * Ends an order as FAILED with a reason on-call staff understand; its units stop being held.
 * Only for failures where no CWS purchase can exist or CWS ended it (ARCHITECTURE §3, §8.1).
 * `alongside` adds the caller's own writes (the attempt's outcome, CWS's status) to the same
 * transaction; `details` go on the timeline entry.
 */
export async function failOrder(
  deps: FulfillmentDeps,
  orderId: string,
  reason: string,
  options: { actor?: string; alertKind?: string; details?: Record<string, unknown>; alongside?: (sqlite: SqliteConnection) => void } = {},
): Promise<void> {
  await writeSync(deps.db, (sqlite) => {
    options.alongside?.(sqlite);
    const now = sqliteDateTime(deps.now());
    cached(sqlite, `UPDATE "Order" SET status = 'FAILED', lastError = ?, failedAt = ?, lastProgressAt = ?, updatedAt = ? WHERE id = ?`).run(reason, now, now, now, orderId);
    cached(sqlite, `UPDATE "OrderItem" SET holdsStock = 0 WHERE orderId = ?`).run(orderId);
    appendOrderEvent(sqlite, orderId, "FAILED", reason, { actor: options.actor, details: options.details });
  });
  raiseAlert({ kind: options.alertKind ?? "order-failed", severity: "warning", orderId, message: reason });
  notifyOrderChanged(orderId);
}

/** Flags an order for a person without changing its state: time or doubt never fail an order once money may be spent. */
export async function flagNeedsAttention(deps: FulfillmentDeps, orderId: string, reason: string, options: { severity?: "warning" | "critical"; alertKind?: string } = {}): Promise<void> {
  const flagged = await writeSync(deps.db, (sqlite) => {
    const order = cached(sqlite, `SELECT needsAttention, attentionReason FROM "Order" WHERE id = ?`).get(orderId) as { needsAttention: bigint; attentionReason: string | null } | undefined;
    if (!order) throw new Error(`order ${orderId} not found`);
    if (Number(order.needsAttention) === 1 && order.attentionReason === reason) return false;
    const now = sqliteDateTime(deps.now());
    cached(sqlite, `UPDATE "Order" SET needsAttention = 1, attentionReason = ?, attentionSince = ?, updatedAt = ? WHERE id = ?`).run(reason, now, now, orderId);
    appendOrderEvent(sqlite, orderId, "NEEDS_ATTENTION", reason);
    return true;
  });
  if (flagged) raiseAlert({ kind: options.alertKind ?? "needs-attention", severity: options.severity ?? "warning", orderId, message: reason });
}
