import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { copyDatabase } from "@/lib/db/backup-copy";
import { backupName, pruneBackups, writeLastAttempt, type BackupAttempt } from "./files";

export type BackupOptions = {
  databaseFile: string;
  backupDir: string;
  /** How many backups to keep, this one included. */
  keep: number;
  trigger: BackupAttempt["trigger"];
  now?: () => Date;
};

export type BackupResult = {
  file: string;
  takenAt: Date;
  bytes: number;
  orders: number;
  keys: number;
  durationMs: number;
  /** Older backups deleted to keep `keep`. */
  pruned: string[];
};

/** A backup that was not made; its message says why, in words for the person running it. */
export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BackupError";
  }
}

/**
 * Writes a consistent copy of the database into the backups folder while the app runs, checks it,
 * and only then gives it its final name (`app-<time>.db`); then deletes the oldest beyond `keep`.
 * The attempt, made or not, is recorded in `last-backup.json` there for the overview and health.
 * Throws BackupError when no checked copy was made; a half-written copy never keeps a backup's name.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const now = options.now ?? (() => new Date());
  const takenAt = now();
  const started = Date.now();
  const record = (attempt: Omit<BackupAttempt, "at" | "trigger" | "durationMs">) => {
    try {
      writeLastAttempt(options.backupDir, {
        at: takenAt.toISOString(),
        trigger: options.trigger,
        durationMs: Date.now() - started,
        ...attempt,
      });
    } catch {
      // The folder itself is what failed; the caller reports the error.
    }
  };
  const fail = (message: string, cause?: unknown): never => {
    record({ ok: false, error: message });
    throw new BackupError(message, { cause });
  };

  if (!fs.existsSync(options.databaseFile)) fail(`there is no database at ${options.databaseFile}`);
  try {
    fs.mkdirSync(options.backupDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    fail(`the backups folder ${options.backupDir} cannot be created: ${(error as Error).message}`, error);
  }
  const file = path.join(options.backupDir, backupName(takenAt));
  const partial = path.join(options.backupDir, `.${path.basename(file)}.${randomBytes(4).toString("hex")}.partial`);
  const copied = await copyDatabase(options.databaseFile, partial);
  if (!copied.ok) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${partial}-journal`, { force: true });
    return fail(`the copy could not be made: ${copied.error}`);
  }
  fs.renameSync(partial, file);
  syncFolder(options.backupDir);
  const bytes = fs.statSync(file).size;
  const pruned = pruneBackups(options.backupDir, options.keep);
  const durationMs = Date.now() - started;
  record({ ok: true, file, bytes, orders: copied.orders, keys: copied.keys });
  return { file, takenAt, bytes, orders: copied.orders, keys: copied.keys, durationMs, pruned };
}

/** Makes the rename durable: the folder's entry is on disk once this returns. */
function syncFolder(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
