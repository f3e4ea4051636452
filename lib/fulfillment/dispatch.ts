import { randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { orderPaid, retryRequested } from "@/inngest/events";
import { inTransaction } from "@/lib/stores";
import type { FulfillmentDeps } from "./deps";

/**
 * Starts (or re-starts) fulfilment of a paid order: `g2a/order.paid` with the order id as the event
 * id, so a replayed POST /order or a re-send by the cron never starts a second run. A failed send
 * is logged, not thrown: the order row is the durable record and the cron sends again.
 */
export async function sendOrderPaid(deps: FulfillmentDeps, orderId: string): Promise<boolean> {
  try {
    await inngest.send(orderPaid.create({ orderId }, { id: orderId }));
  } catch (error) {
    deps.log.warn(
      { orderId, reason: error instanceof Error ? error.message : String(error) },
      "could not send g2a/order.paid; the re-send cron will try again",
    );
    return false;
  }
  await inTransaction(deps.db, (tx) => tx.orders.recordEventSent(orderId, deps.now()));
  return true;
}

/** Queues a staff retry; the event id is the job id staff see. Throws when the event cannot be sent. */
export async function sendRetryRequested(orderId: string, requestedBy: string, reason: string): Promise<string> {
  const jobId = randomUUID();
  await inngest.send(retryRequested.create({ orderId, requestedBy, reason }, { id: jobId }));
  return jobId;
}
