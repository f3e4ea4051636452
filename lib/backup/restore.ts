import fs from "node:fs";
import path from "node:path";
import { createKeyVault } from "@/lib/crypto";
import { inspectDatabaseFile, type DatabaseFileContents } from "@/lib/db/backup-copy";
import { keyContext } from "@/lib/fulfillment/inventory";
import { takenAtOf } from "./files";

export type RestoreOptions = {
  /** The backup to restore. */
  file: string;
  databaseFile: string;
  /** Where `npm start` writes the server's process id while it runs. */
  serverPidFile: string;
  /** Restore even over a database changed after the backup was taken. */
  force: boolean;
  /** The key encryption key the restored app will use, if this data folder has one. */
  keyEncryptionKey?: string;
  now?: () => Date;
};

export type RestoreResult = {
  orders: number;
  keys: number;
  /** When the backup was taken (from its name, else the file's time). */
  takenAt: Date;
  /** Where the database it replaced was kept, if there was one. */
  replacedKeptAs: string | null;
  /** Whether the key encryption key opens the backup's keys. */
  keyCheck: "opens the keys" | "no key in this data folder" | "does not open the keys" | "no keys to open";
};

/** A restore that was refused or failed; nothing was changed. The message says why and what to do. */
export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreError";
  }
}

/** Reads the backup without changing it, and checks it is a whole database of this app. */
function readBackup(file: string): DatabaseFileContents {
  let contents: DatabaseFileContents;
  try {
    contents = inspectDatabaseFile(file);
  } catch (error) {
    throw new RestoreError(`${file} cannot be read as a database: ${(error as Error).message}`);
  }
  if (contents.check !== "ok") throw new RestoreError(`${file} is damaged (SQLite's quick check: ${contents.check})`);
  if (!contents.isAppDatabase) throw new RestoreError(`${file} is not a backup of this app's database`);
  return contents;
}

function runningServer(pidFile: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** When the current database last changed, if it holds anything (an empty one is never "newer"). */
function lastChangeOfCurrent(databaseFile: string): Date | null {
  if (!fs.existsSync(databaseFile)) return null;
  let holdsData = true; // unreadable, or not this app's: only --force replaces it
  try {
    const current = inspectDatabaseFile(databaseFile);
    if (current.check === "ok" && current.isAppDatabase) holdsData = current.orders + current.keys > 0;
  } catch {
    // holdsData stays true
  }
  if (!holdsData) return null;
  const times = [databaseFile, `${databaseFile}-wal`]
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.statSync(file).mtime.getTime());
  return new Date(Math.max(...times));
}

function checkKey(contents: DatabaseFileContents, keyEncryptionKey: string | undefined): RestoreResult["keyCheck"] {
  if (!contents.sampleKey) return "no keys to open";
  if (!keyEncryptionKey) return "no key in this data folder";
  try {
    createKeyVault(keyEncryptionKey).open(contents.sampleKey.sealed, keyContext(contents.sampleKey.id));
    return "opens the keys";
  } catch {
    return "does not open the keys";
  }
}

/**
 * Puts a backup in place of the app's database, which must be stopped. Refuses a damaged file, a
 * running app, and (without `force`) a current database changed after the backup was taken. The
 * database it replaces is kept beside it, never deleted. The copy is written under a temporary name
 * and renamed over the old one, so the database's name never goes missing: a crash leaves the old
 * database there (without its WAL once that has moved to the kept copy) or the whole backup.
 */
export function restoreBackup(options: RestoreOptions): RestoreResult {
  const now = options.now ?? (() => new Date());
  if (!fs.existsSync(options.file)) throw new RestoreError(`there is no file at ${options.file}`);
  const contents = readBackup(options.file);
  const pid = runningServer(options.serverPidFile);
  if (pid !== null) throw new RestoreError(`the app is running (server process ${pid}): stop npm start first`);

  const takenAt = takenAtOf(path.basename(options.file)) ?? fs.statSync(options.file).mtime;
  const changedAt = lastChangeOfCurrent(options.databaseFile);
  if (changedAt && changedAt > takenAt && !options.force)
    throw new RestoreError(
      `the database at ${options.databaseFile} was changed at ${changedAt.toISOString()}, after this backup was taken (${takenAt.toISOString()}): restoring would lose what happened since. Add --force to restore anyway; the current database is then kept beside it.`,
    );

  fs.mkdirSync(path.dirname(options.databaseFile), { recursive: true });
  const restoring = `${options.databaseFile}.restoring`;
  fs.copyFileSync(options.file, restoring);
  const fd = fs.openSync(restoring, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }

  let replacedKeptAs: string | null = null;
  if (fs.existsSync(options.databaseFile)) {
    replacedKeptAs = `${options.databaseFile}.replaced-${now().toISOString().replaceAll(":", "-")}`;
    // A second name for the old database, which keeps its own name until the backup replaces it.
    try {
      fs.linkSync(options.databaseFile, replacedKeptAs);
    } catch {
      fs.copyFileSync(options.databaseFile, replacedKeptAs);
    }
    // The WAL keeps its database's name plus "-wal", so the kept copy opens with what it had committed
    // (and the backup is never read with the old database's WAL).
    for (const suffix of ["-wal", "-shm"])
      if (fs.existsSync(options.databaseFile + suffix))
        fs.renameSync(options.databaseFile + suffix, replacedKeptAs + suffix);
  }
  fs.renameSync(restoring, options.databaseFile);
  return {
    orders: contents.orders,
    keys: contents.keys,
    takenAt,
    replacedKeptAs,
    keyCheck: checkKey(contents, options.keyEncryptionKey),
  };
}
