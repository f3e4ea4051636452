import { raiseAlert, resolveAlerts, type AlertType } from "@/lib/alerts";
import { inTransaction, type Stores } from "@/lib/stores";
import type { FulfillmentDeps } from "./deps";
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
  options: {
    actor?: string;
    alertKind?: AlertType;
    details?: Record<string, unknown>;
    alongside?: (tx: Stores, at: Date) => void;
  } = {},
): Promise<void> {
  await inTransaction(deps.db, (tx) => {
    const now = deps.now();
    options.alongside?.(tx, now);
    tx.orders.transition(
      orderId,
      {
        to: "FAILED",
        reason,
        event: { type: "FAILED", message: reason, actor: options.actor, details: options.details },
      },
      now,
    );
  });
  await raiseAlert(deps.db, {
    type: options.alertKind ?? "order-failed",
    subject: { kind: "order", orderId },
    message: reason,
  });
  // It no longer waits for anything: what said it was waiting gives way to the failure's own alert.
  await resolveAlerts(deps.db, { kind: "order", orderId }, "The order failed: see its failure alert", [
    "stuck",
    "keys-late",
    "needs-attention",
  ]);
  notifyOrderChanged(orderId);
}

/** Flags an order for a person without changing its state: time or doubt never fail an order once money may be spent. */
export async function flagNeedsAttention(
  deps: FulfillmentDeps,
  orderId: string,
  reason: string,
  options: { severity?: "warning" | "critical"; alertKind?: AlertType } = {},
): Promise<void> {
  const flagged = await inTransaction(deps.db, (tx) => tx.orders.flagAttention(orderId, reason, deps.now()));
  if (flagged)
    await raiseAlert(deps.db, {
      type: options.alertKind ?? "needs-attention",
      severity: options.severity,
      subject: { kind: "order", orderId },
      message: reason,
    });
}
