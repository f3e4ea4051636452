import { cached, sqliteDateTime, writeSync } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FulfillmentDeps } from "./deps";

/**
 * Records which workflow run works on an order and in what phase, so the dashboard shows it on
 * either engine. Several times per order, so in plain SQL.
 */
export async function recordRunPhase(deps: FulfillmentDeps, orderId: string, runId: string, phase: string): Promise<void> {
  const { changes } = await writeSync(deps.db, (sqlite) =>
    cached(sqlite, `UPDATE "Order" SET workflowRunId = ?, workflowPhase = ?, updatedAt = ? WHERE id = ?`).run(runId, phase, sqliteDateTime(new Date()), orderId),
  );
  if (Number(changes) === 0) throw new AppError("NOT_FOUND", `order ${orderId} not found`);
}
