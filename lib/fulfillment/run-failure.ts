import { isUnresolved } from "@/lib/orders/lifecycle";
import type { FulfillmentDeps } from "./deps";
import { failOrder, flagNeedsAttention } from "./failure";

/**
 * When a fulfilment run gives up (retries exhausted; never for a run replaced by a retry): FAILED only
 * when no attempt can have reached CWS, otherwise the state stays and a person is asked to look
 * (ARCHITECTURE §4, §8.1).
 */
export async function handleFulfillmentFailure(
  deps: FulfillmentDeps,
  orderId: string,
  errorMessage: string,
): Promise<void> {
  const order = await deps.db.order.findUnique({
    where: { id: orderId },
    include: { attempts: { select: { outcome: true } } },
  });
  if (!order || order.status === "COMPLETED" || order.status === "FAILED") return;
  const mayHaveReachedCws =
    order.cwsOrderId !== null || order.attempts.some((attempt) => isUnresolved(attempt.outcome));
  if (mayHaveReachedCws) {
    await flagNeedsAttention(
      deps,
      orderId,
      `Fulfilment stopped after repeated errors (${errorMessage}); a CWS purchase may exist. Check it, then Retry.`,
      {
        alertKind: "run-failed",
      },
    );
  } else {
    await failOrder(
      deps,
      orderId,
      `Fulfilment stopped after repeated errors before anything was bought: ${errorMessage}. Retry Fulfillment tries again.`,
      {
        alertKind: "run-failed",
      },
    );
  }
}
