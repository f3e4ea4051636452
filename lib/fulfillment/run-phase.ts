import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/stores";
import type { FulfillmentDeps } from "./deps";

/**
 * Records which workflow run works on an order and in what phase, so the dashboard shows it on
 * either engine.
 */
export async function recordRunPhase(
  deps: FulfillmentDeps,
  orderId: string,
  runId: string,
  phase: string,
): Promise<void> {
  const recorded = await inTransaction(deps.db, (tx) => tx.orders.recordRunPhase(orderId, runId, phase, deps.now()));
  if (!recorded) throw new AppError("NOT_FOUND", `order ${orderId} not found`);
}
