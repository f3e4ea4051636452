import { inngest } from "@/inngest/client";
import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { syncMappedProducts } from "@/lib/fulfillment/maintenance";

/** Keeps the stock snapshots of mapped products fresh between reservations. */
export const syncCwsCatalogueCron = inngest.createFunction(
  { id: "sync-cws-catalogue", name: "Sync the CWS catalogue", triggers: [{ cron: "*/15 * * * *" }], retries: 1 },
  async ({ step }) => step.run("sync", () => syncMappedProducts(getFulfillmentDeps())),
);
