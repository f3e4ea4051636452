import { raiseAlert, resolveAlerts, type AlertSubject } from "@/lib/alerts";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/logger";
import { BackupError, createBackup } from "./backup";
import { backupStatus } from "./status";

export type ScheduledBackupConfig = {
  databaseFile: string;
  backupDir: string;
  intervalHours: number;
  keep: number;
};

const SUBJECT: AlertSubject = { kind: "system", id: "backups", label: "Database backups", link: "/" };
/** The schedule looks hourly; a backup a few minutes short of the interval is due, so the hour it falls in is not skipped. */
const DUE_SLACK_HOURS = 0.25;

/**
 * The hourly look at the backups: a backup when the newest is an interval old (or there is none),
 * then the alert when the newest successful one is older than twice the interval, resolved once a
 * backup succeeds. Never throws for a failed backup: the failure is recorded and logged, and the
 * alert follows if it keeps failing.
 */
export async function runScheduledBackup(
  db: Db,
  config: ScheduledBackupConfig,
  log: Logger,
  now: () => Date = () => new Date(),
): Promise<{ backedUp: boolean; overdue: boolean; error?: string }> {
  if (config.intervalHours === 0) return { backedUp: false, overdue: false };
  const before = backupStatus(config.backupDir, config.intervalHours, now());
  const due = !before.lastSuccess || before.lastSuccess.ageHours >= config.intervalHours - DUE_SLACK_HOURS;
  let error: string | undefined;
  let backedUp = false;
  if (due) {
    try {
      const made = await createBackup({ ...config, trigger: "schedule", now });
      backedUp = true;
      log.info(
        { file: made.file, bytes: made.bytes, orders: made.orders, keys: made.keys, durationMs: made.durationMs },
        "database backed up",
      );
    } catch (cause) {
      error = cause instanceof BackupError ? cause.message : String(cause);
      log.error({ reason: error }, "the scheduled database backup failed");
    }
  }
  const after = backupStatus(config.backupDir, config.intervalHours, now());
  if (after.overdue) {
    const since = after.lastSuccess
      ? `No backup has succeeded for ${Math.floor(after.lastSuccess.ageHours)} hours`
      : "No backup has ever succeeded";
    const cause = after.lastAttempt?.error ? ` The last attempt failed: ${after.lastAttempt.error}.` : "";
    await raiseAlert(db, {
      type: "backup-overdue",
      subject: SUBJECT,
      message: `${since} (one is made every ${config.intervalHours} hours).${cause} Check the disk and BACKUP_DIR, then run npm run db:backup on the server.`,
      details: { lastSuccessAt: after.lastSuccess?.at ?? null, intervalHours: config.intervalHours },
    });
  } else {
    await resolveAlerts(db, SUBJECT, "A backup succeeded", ["backup-overdue"]);
  }
  return { backedUp, overdue: after.overdue, ...(error ? { error } : {}) };
}
