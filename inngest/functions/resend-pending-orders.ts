import { inngest } from "@/inngest/client";
import { sendOrderPaid } from "@/lib/fulfillment/dispatch";
import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { ordersWaitingForARun } from "@/lib/fulfillment/maintenance";

/**
 * Sends g2a/order.paid for orders nobody works on a minute after they were made (no run, no placement
 * lease held): closes the window where a crash fell between committing an order and handing it to a
 * run, the purchase made in POST /order included. The event id is the order id, so an event that did
 * arrive is not run twice.
 */
export const resendPendingOrdersCron = inngest.createFunction(
  {
    id: "resend-pending-orders",
    name: "Re-send events of waiting orders",
    triggers: [{ cron: "* * * * *" }],
    retries: 1,
  },
  async ({ step }) => {
    const orderIds = await step.run("find", () => ordersWaitingForARun(getFulfillmentDeps()));
    if (orderIds.length > 0)
      await step.run("send", () =>
        Promise.all(orderIds.map((orderId) => sendOrderPaid(getFulfillmentDeps(), orderId))),
      );
    return { resent: orderIds.length };
  },
);
