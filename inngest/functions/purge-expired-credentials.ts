import { inngest } from "@/inngest/client";
import { purgeExpiredCredentials } from "@/lib/auth/purge";
import { getDb } from "@/lib/db";

export const purgeExpiredCredentialsCron = inngest.createFunction(
  {
    id: "purge-expired-credentials",
    name: "Purge expired G2A tokens and old failed attempts",
    triggers: [{ cron: "*/15 * * * *" }],
    retries: 1,
  },
  async ({ step }) => step.run("purge", () => purgeExpiredCredentials(getDb())),
);
