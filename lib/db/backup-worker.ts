import type BetterSqlite3 from "better-sqlite3";
import type * as WorkerThreads from "node:worker_threads";

/** What the backup worker is started with. */
export type BackupWorkerData = { source: string; destination: string };

/** What it answers: the copy's counts once it is written and checked, or why it is not. */
export type BackupWorkerMessage =
  { ok: true; pages: number; orders: number; keys: number } | { ok: false; error: string };

/**
 * The backup worker's whole program. It copies the database with SQLite's online backup API on a
 * connection of its own, all pages in one step: the step reads one snapshot, so the app's writers
 * (WAL mode) are never stopped and never make the copy start over. It then makes the copy a single
 * self-contained file (rollback journal instead of WAL) and checks it: SQLite's quick check, and the
 * orders and keys it holds.
 *
 * It runs from its source text in a worker (see backup-copy.ts), off the server's event loop, so the
 * bundler never has to find a worker file: it must use nothing from outside its body but `load`.
 */
export function runBackupWorker(load: (id: string) => unknown): void {
  const { parentPort, workerData } = load("node:worker_threads") as typeof WorkerThreads;
  const Database = load("better-sqlite3") as typeof BetterSqlite3;
  const { source, destination } = workerData as BackupWorkerData;
  const ALL_PAGES = 0x7fffffff;

  (async (): Promise<BackupWorkerMessage> => {
    const db = new Database(source, { readonly: true, fileMustExist: true });
    let pages: number;
    try {
      db.pragma("busy_timeout = 5000");
      pages = (await db.backup(destination, { progress: () => ALL_PAGES })).totalPages;
    } finally {
      db.close();
    }
    const written = new Database(destination, { fileMustExist: true });
    try {
      written.pragma("journal_mode = DELETE");
      const check = written.pragma("quick_check", { simple: true }) as string;
      if (check !== "ok") throw new Error(`the copy failed SQLite's quick check: ${check}`);
      const counts = written
        .prepare(`SELECT (SELECT count(*) FROM "Order") AS orders, (SELECT count(*) FROM "Key") AS keys`)
        .get() as { orders: number; keys: number };
      return { ok: true, pages, orders: counts.orders, keys: counts.keys };
    } finally {
      written.close();
    }
  })().then(
    (message) => parentPort?.postMessage(message),
    (error: unknown) =>
      parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
}
