import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/logger";
import { receiveEvents, workflowMode } from "@/lib/workflow";
import type { inngest as appClient } from "./client";

type AppEvent = Parameters<typeof appClient.send>[0] & object;

/**
 * Sends events to the embedded engine through the database the caller works on, else to Inngest.
 * A send that fails is logged, not thrown: every caller has a scheduled sweep that catches up.
 */
export async function sendEvents(db: Db, log: Logger, events: AppEvent, what: string): Promise<void> {
  try {
    if (workflowMode() === "embedded") {
      await receiveEvents(db, Array.isArray(events) ? events : [events]);
    } else {
      // Loaded only here: the client reads the whole configuration when it is created.
      const { inngest } = await import("./client");
      await inngest.send(events);
    }
  } catch (error) {
    log.warn({ reason: error instanceof Error ? error.message : String(error) }, `could not request ${what}`);
  }
}
