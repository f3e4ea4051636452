import path from "node:path";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { listBackups, readLastAttempt } from "./files";

export type BackupStatus = {
  /** The newest finished backup (its file name in the backups folder), if any. */
  lastSuccess: { at: string; file: string; bytes: number; ageHours: number } | null;
  /** What the last attempt did (it may have failed after the last success). */
  lastAttempt: { at: string; ok: boolean; trigger: "schedule" | "command"; error: string | null } | null;
  /** Hours between scheduled backups; 0 when the schedule is off. */
  intervalHours: number;
  /** The last success is older than twice the interval (or there is none). */
  overdue: boolean;
};

/** The backups folder's state, read from its files: the finished backups and the last attempt. */
export function backupStatus(backupDir: string, intervalHours: number, now: Date): BackupStatus {
  const [newest] = listBackups(backupDir);
  const ageHours = newest ? (now.getTime() - newest.takenAt.getTime()) / 3_600_000 : null;
  const attempt = readLastAttempt(backupDir);
  return {
    lastSuccess: newest
      ? {
          at: newest.takenAt.toISOString(),
          file: path.basename(newest.file),
          bytes: newest.bytes,
          ageHours: Math.round(ageHours! * 100) / 100,
        }
      : null,
    lastAttempt: attempt
      ? { at: attempt.at, ok: attempt.ok, trigger: attempt.trigger, error: attempt.error ?? null }
      : null,
    intervalHours,
    overdue: intervalHours > 0 && (ageHours === null || ageHours > 2 * intervalHours),
  };
}

/**
 * The configured backups folder's state, for the overview, /api/health and the metrics; null (and a
 * warning in the log) when the folder cannot be read, so none of them fails over it.
 */
export function currentBackupStatus(now: Date = new Date()): BackupStatus | null {
  const env = getEnv();
  try {
    return backupStatus(env.backupDir, env.BACKUP_INTERVAL_HOURS, now);
  } catch (error) {
    logger.warn({ err: error, backupDir: env.backupDir }, "the backups folder could not be read");
    return null;
  }
}
