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

/** Something that changes one product's G2A offer happened; runs are debounced per product. */
export const offerSyncRequested = eventType("g2a/offer.sync-requested", {
  schema: z.object({ g2aProductId: z.string().min(1).max(40), reason: z.string().min(1).max(200) }),
});

/** Something that changes every offer happened (selling paused or resumed, the CWS balance moved). */
export const offerPassRequested = eventType("g2a/offers.pass-requested", {
  schema: z.object({ reason: z.string().min(1).max(200) }),
});

/** A mapping with a G2A offer was deleted: the offer is switched off on G2A (nothing sells it any more). */
export const offerRetireRequested = eventType("g2a/offer.retire-requested", {
  schema: z.object({ offerId: z.string().min(1).max(100), g2aProductId: z.string().min(1).max(40) }),
});

/** An alert's message is due to one channel; its event id is the delivery id, so a resend starts nothing new. */
export const alertDeliveryRequested = eventType("alerts/delivery.requested", {
  schema: z.object({ deliveryId: z.uuid() }),
});
