import { Inngest } from "inngest";
import { logger } from "@/lib/logger";
import { appClientOptions } from "@/lib/workflow";

export const APP_ID = "g2a-dropship";

/**
 * The app's one Inngest client. With INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY (Inngest Cloud),
 * INNGEST_BASE_URL (a self-hosted server) or INNGEST_DEV (the dev server) the SDK's own defaults
 * apply; with none of them the embedded engine (lib/workflow) receives the events and calls the
 * functions through the same serve handler, signing every request.
 */
export const inngest = new Inngest({
  id: APP_ID,
  logger: logger.child({ component: "inngest" }),
  ...appClientOptions(),
});
