import { eventType } from "inngest";
import { z } from "zod";

/** Sent by POST /order after the order is stored; its event id is the order id, so replays are de-duplicated. */
export const orderPaid = eventType("g2a/order.paid", {
  schema: z.object({ orderId: z.uuid() }),
});

/** Sent by staff's Retry Fulfillment (and Buy again), with who asked and why; its event id is the job id. */
export const retryRequested = eventType("fulfillment/retry.requested", {
  schema: z.object({
    orderId: z.uuid(),
    requestedBy: z.string().min(1),
    reason: z.string().min(1).max(500),
  }),
});
