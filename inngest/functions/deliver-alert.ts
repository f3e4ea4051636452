import { inngest } from "@/inngest/client";
import { alertDeliveryRequested } from "@/inngest/events";
import { getAlertDeps } from "@/lib/alerts/config";
import { attemptDelivery } from "@/lib/alerts/deliver";

/** Sends one alert's message to one channel, trying again after each wait of ALERT_DELIVERY_RETRY_SECONDS. */
export const deliverAlert = inngest.createFunction(
  {
    id: "deliver-alert",
    name: "Deliver an alert to a channel",
    triggers: [alertDeliveryRequested],
    // A channel that hangs must not hold the engine's slots that order fulfilment needs.
    concurrency: { limit: 2 },
    retries: 3,
  },
  async ({ event, step }) => {
    // Each attempt is its own step; the waits between them are durable sleeps, not held slots.
    for (let attempt = 1; ; attempt++) {
      const outcome = await step.run(`attempt-${attempt}`, () =>
        attemptDelivery(getAlertDeps(), event.data.deliveryId),
      );
      if (outcome.status !== "retry") return outcome;
      await step.sleep(`wait-${attempt}`, outcome.waitMs);
    }
  },
);
