import type { FulfillmentDeps } from "./deps";

/** Records which workflow run works on an order and in what phase, so the dashboard shows it on either engine. */
export async function recordRunPhase(deps: FulfillmentDeps, orderId: string, runId: string, phase: string): Promise<void> {
  await deps.db.order.update({ where: { id: orderId }, data: { workflowRunId: runId, workflowPhase: phase } });
}
