import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A finished backup: only a copy that was written and checked gets a name of this form. */
const NAME = /^app-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})Z\.db$/;
const LAST_ATTEMPT_FILE = "last-backup.json";

export type BackupFile = { file: string; takenAt: Date; bytes: number };

/** What the last backup attempt did, written next to the backups by whoever made it. */
export type BackupAttempt = {
  at: string;
  ok: boolean;
  trigger: "schedule" | "command";
  durationMs: number;
  file?: string;
  bytes?: number;
  orders?: number;
  keys?: number;
  error?: string;
};

/** `app-2026-12-04T04-10-00.123Z.db`: sortable, and free of characters some file systems refuse. */
export function backupName(takenAt: Date): string {
  return `app-${takenAt.toISOString().replaceAll(":", "-")}.db`;
}

/** When the backup of this name was taken; undefined for any other file. */
export function takenAtOf(name: string): Date | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const [, day, hours, minutes, seconds, millis] = match;
  const at = new Date(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** The finished backups in the folder, newest first (none when the folder does not exist). */
export function listBackups(backupDir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const backups: BackupFile[] = [];
  for (const name of names) {
    const takenAt = takenAtOf(name);
    if (!takenAt) continue;
    const file = path.join(backupDir, name);
    try {
      backups.push({ file, takenAt, bytes: fs.statSync(file).size });
    } catch {
      // Deleted meanwhile by another process's retention.
    }
  }
  return backups.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/** Deletes all but the `keep` newest backups; returns the files deleted. */
export function pruneBackups(backupDir: string, keep: number): string[] {
  const old = listBackups(backupDir).slice(keep);
  for (const backup of old) fs.rmSync(backup.file, { force: true });
  return old.map((backup) => backup.file);
}

export function readLastAttempt(backupDir: string): BackupAttempt | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(backupDir, LAST_ATTEMPT_FILE), "utf8")) as BackupAttempt;
  } catch {
    return undefined;
  }
}

export function writeLastAttempt(backupDir: string, attempt: BackupAttempt): void {
  const file = path.join(backupDir, LAST_ATTEMPT_FILE);
  const temporary = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(attempt, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}
