import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { runBackupWorker, type BackupWorkerData, type BackupWorkerMessage } from "./backup-worker";

// Evaluated as CommonJS from its source text, given `require` as its `load`. Compilers that keep
// function names (tsx) call a `__name` helper inside the text; it is defined here as a no-op.
const WORKER_SOURCE = `const __name = (fn) => fn;\n(${runBackupWorker.toString()})(require);`;

/**
 * Copies the database file `source` to `destination` with SQLite's online backup API on a worker
 * thread, then checks the copy (runBackupWorker). Resolves with the copy's counts, or why it failed.
 */
export function copyDatabase(source: string, destination: string): Promise<BackupWorkerMessage> {
  const workerData: BackupWorkerData = { source, destination };
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    let answered = false;
    worker.once("message", (message: BackupWorkerMessage) => {
      answered = true;
      resolve(message);
    });
    worker.once("error", (error) => {
      answered = true;
      resolve({ ok: false, error: error.message });
    });
    worker.once("exit", (code) => {
      if (!answered) resolve({ ok: false, error: `the backup worker exited with code ${code}` });
    });
  });
}

/** What a database file holds, read without changing it: for checking a backup before a restore. */
export type DatabaseFileContents = {
  /** SQLite's quick check: "ok" or what is wrong. */
  check: string;
  /** Whether it has this app's tables (migrations, orders, keys). */
  isAppDatabase: boolean;
  orders: number;
  keys: number;
  /** One stored key, to try the key encryption key on. */
  sampleKey: { id: string; sealed: Buffer } | null;
};

/** Opens the file read-only and reads what it holds; throws when it is no SQLite database. */
export function inspectDatabaseFile(file: string): DatabaseFileContents {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma("quick_check", { simple: true }) as string;
    const tables = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    const isAppDatabase = ["_prisma_migrations", "Order", "Key"].every((table) => tables.has(table));
    if (check !== "ok" || !isAppDatabase) return { check, isAppDatabase, orders: 0, keys: 0, sampleKey: null };
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const sampleKey =
      (db.prepare(`SELECT id, sealed FROM "Key" LIMIT 1`).get() as DatabaseFileContents["sampleKey"]) ?? null;
    return { check, isAppDatabase, orders: count("Order"), keys: count("Key"), sampleKey };
  } finally {
    db.close();
  }
}
