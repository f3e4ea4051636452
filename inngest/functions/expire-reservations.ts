import { inngest } from "@/inngest/client";
import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { expireReservations } from "@/lib/fulfillment/maintenance";

export const expireReservationsCron = inngest.createFunction(
  { id: "expire-reservations", name: "Expire reservations", triggers: [{ cron: "* * * * *" }], retries: 1 },
  async ({ step }) => step.run("expire", () => expireReservations(getFulfillmentDeps())),
);
