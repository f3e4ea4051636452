import type { FulfillmentDeps } from "./deps";

/**
 * Starts (or re-starts) fulfilment of a paid order by sending `g2a/order.paid` with the order id as
 * the event id, so a replayed POST /order is de-duplicated by the workflow engine.
 * The workflow engine lands with the fulfilment workflow; until then the order row itself is the
 * durable record of the work to do, and nothing is sent.
 */
export async function sendOrderPaid(deps: FulfillmentDeps, orderId: string): Promise<void> {
  deps.log.debug({ orderId }, "order paid: no workflow engine configured yet");
}
