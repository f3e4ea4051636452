import { inngest } from "@/inngest/client";
import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { pollAwaitingOrders } from "@/lib/fulfillment/maintenance";

/** Continues the CWS poll schedule for orders past their run's 30-minute window. */
export const pollAwaitingOrdersCron = inngest.createFunction(
  {
    id: "poll-awaiting-orders",
    name: "Poll orders awaiting codes",
    triggers: [{ cron: "* * * * *" }],
    retries: 1,
    concurrency: 1,
  },
  async ({ step }) => step.run("poll", () => pollAwaitingOrders(getFulfillmentDeps())),
);
