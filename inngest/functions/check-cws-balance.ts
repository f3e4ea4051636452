import { inngest } from "@/inngest/client";
import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { checkCwsBalance } from "@/lib/fulfillment/maintenance";
import { getEnv } from "@/lib/env";

export const checkCwsBalanceCron = inngest.createFunction(
  { id: "check-cws-balance", name: "Check the CWS balance", triggers: [{ cron: "*/15 * * * *" }], retries: 2 },
  async ({ step }) => step.run("check", () => checkCwsBalance(getFulfillmentDeps(), getEnv().CWS_LOW_BALANCE_EUR)),
);
