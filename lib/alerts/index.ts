import type { Db } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { AlertType } from "./catalogue";
import { alertDepsOn } from "./config";
import { raise, resolveCleared, type AlertSubject, type NewAlert } from "./raise";

export type { AlertSeverity } from "./message";
export type { AlertSubject, NewAlert } from "./raise";
export type { AlertType } from "./catalogue";

/**
 * Raises an alert for on-call staff: recorded (one open per type and subject; a repeat raises its
 * count) and queued to the channels. Never throws and never waits for a channel: the caller (a G2A
 * request, a fulfilment step) goes on whatever happens here.
 */
export async function raiseAlert(db: Db, alert: NewAlert): Promise<void> {
  try {
    await raise(alertDepsOn(db), alert);
  } catch (error) {
    logger.error(
      { alert: alert.type, reason: error instanceof Error ? error.message : String(error) },
      `the alert could not be recorded: ${alert.message}`,
    );
  }
}

/** Resolves the subject's open alerts (of these types, or all) because their condition cleared; never throws. */
export async function resolveAlerts(
  db: Db,
  subject: AlertSubject,
  resolution: string,
  types: readonly AlertType[] | null = null,
): Promise<void> {
  try {
    await resolveCleared(alertDepsOn(db), subject, resolution, types);
  } catch (error) {
    logger.error({ reason: error instanceof Error ? error.message : String(error) }, "alerts could not be resolved");
  }
}
