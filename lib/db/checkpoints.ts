import { Worker } from "node:worker_threads";
import type { Logger } from "@/lib/logger";
import { runCheckpointWorker, type CheckpointWorkerData, type CheckpointWorkerMessage } from "./checkpoint-worker";
import { readSync, type Db } from "./client";

/** SQLite's own default: a commit that finds the WAL this long copies it into the database itself. */
const AUTOCHECKPOINT_PAGES = 1000;
/**
 * WAL pages (4 KiB each) after which the worker makes the WAL start over: 48 MiB, below the size
 * limit, so the file is reused from its start and never cut back (cutting a larger one back cost the
 * next commit 20-30 ms on the event loop) ...
 */
const RESTART_FRAMES = 12_288;
/** ... once a PASSIVE pass has left fewer than these behind (a RESTART copies them with writers waiting) ... */
const CATCH_UP_FRAMES = 1_000;
/** ... or in any case past 1 GiB. */
const FORCE_FRAMES = 262_144;
/** After a complete checkpoint, a WAL file larger than this (after a forced restart) is cut back to it. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** How long the worker's RESTART may hold the write lock waiting for readers (see checkpoint-worker.ts). */
const BUSY_TIMEOUT_MS = 20;

// Evaluated as CommonJS from its source text, given `require` as its `load`.
const WORKER_SOURCE = `(${runCheckpointWorker.toString()})(require);`;

export type CheckpointerHandle = { stop(): Promise<void> };

/**
 * Moves WAL checkpoints off the server's event loop. With SQLite's default, the commit that finds
 * 1,000 pages in the WAL copies them into the database and syncs it, on the main thread, and a
 * busy reservation endpoint stalls every few hundred requests for as long as the disk takes. Here a
 * worker thread checkpoints every `intervalMs` on its own connection, and the
 * app's connection no longer checkpoints by itself; if the worker ever stops, it does again, so the
 * WAL cannot grow without bound. The worker's program is runCheckpointWorker.
 */
export async function startBackgroundCheckpoints(
  db: Db,
  databaseFile: string,
  log: Logger,
  intervalMs = 250,
): Promise<CheckpointerHandle> {
  const workerData: CheckpointWorkerData = {
    file: databaseFile,
    intervalMs,
    restartFrames: RESTART_FRAMES,
    catchUpFrames: CATCH_UP_FRAMES,
    forceFrames: FORCE_FRAMES,
    busyTimeoutMs: BUSY_TIMEOUT_MS,
  };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  worker.unref();
  let warned = false;
  worker.on("message", (message: CheckpointWorkerMessage) => {
    if (message.failed && !warned) {
      warned = true;
      log.warn({ reason: message.failed }, "background WAL checkpoint failed; it is retried every tick");
    }
  });
  const restore = () =>
    readSync(db, (sqlite) => sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)).catch(() => undefined);
  // A worker that fails also exits: the exit hands checkpoints back to the app's connection.
  worker.once("error", (error) =>
    log.error({ err: error }, "the WAL checkpoint worker stopped; the server checkpoints by itself again"),
  );
  worker.once("exit", () => void restore());
  await readSync(db, (sqlite) => {
    sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    sqlite.pragma("wal_autocheckpoint = 0");
  });
  return {
    async stop() {
      await worker.terminate();
      await restore();
    },
  };
}
