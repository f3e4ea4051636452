import { inngest } from "@/inngest/client";
import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { flagStuckOrders } from "@/lib/fulfillment/maintenance";

export const flagStuckOrdersCron = inngest.createFunction(
  { id: "flag-stuck-orders", name: "Flag stuck orders", triggers: [{ cron: "*/5 * * * *" }], retries: 1 },
  async ({ step }) => step.run("flag", () => flagStuckOrders(getFulfillmentDeps())),
);
