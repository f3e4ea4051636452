import { listBackups, readLastAttempt, type BackupAttempt } from "./files";

export type BackupStatus = {
  /** The newest finished backup, if any. */
  lastSuccess: { at: string; file: string; bytes: number; ageHours: number } | null;
  /** What the last attempt did (it may have failed after the last success). */
  lastAttempt: BackupAttempt | null;
  /** Hours between scheduled backups; 0 when the schedule is off. */
  intervalHours: number;
  /** The last success is older than twice the interval (or there is none). */
  overdue: boolean;
};

/** The backups folder's state, read from its files: the finished backups and the last attempt. */
export function backupStatus(backupDir: string, intervalHours: number, now: Date): BackupStatus {
  const [newest] = listBackups(backupDir);
  const ageHours = newest ? (now.getTime() - newest.takenAt.getTime()) / 3_600_000 : null;
  return {
    lastSuccess: newest
      ? { at: newest.takenAt.toISOString(), file: newest.file, bytes: newest.bytes, ageHours: round(ageHours!) }
      : null,
    lastAttempt: readLastAttempt(backupDir) ?? null,
    intervalHours,
    overdue: intervalHours > 0 && (ageHours === null || ageHours > 2 * intervalHours),
  };
}

const round = (hours: number) => Math.round(hours * 100) / 100;
