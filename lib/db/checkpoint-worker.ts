import type BetterSqlite3 from "better-sqlite3";
import type * as WorkerThreads from "node:worker_threads";

/** What the checkpoint worker is started with. */
export type CheckpointWorkerData = {
  file: string;
  intervalMs: number;
  restartFrames: number;
  catchUpFrames: number;
  forceFrames: number;
  busyTimeoutMs: number;
};

/** What the worker reports: a failed checkpoint (it tries again at the next tick). */
export type CheckpointWorkerMessage = { failed: string };

type WalCheckpoint = { busy: number; log: number; checkpointed: number };

/**
 * The checkpoint worker's whole program, on its own connection to the same file. Each tick copies
 * the WAL into the database with a PASSIVE checkpoint, which never blocks the app's readers or
 * writers. Under steady writes a PASSIVE pass never quite reaches the end of the WAL, so the file
 * would only grow. Once it holds more than `restartFrames` pages and the pass has left little
 * behind, a RESTART checkpoint copies that little (the app's writers wait meanwhile, at most a few
 * tens of milliseconds: the worker gives up after `busyTimeoutMs` and tries again) and makes the
 * next commit start the WAL over; only past `forceFrames` does it restart however much is left.
 *
 * It runs from its source text in a worker (see checkpoints.ts), so the server's bundler never has
 * to find a worker file: it must use nothing from outside its body but the `load` it is given.
 */
export function runCheckpointWorker(load: (id: string) => unknown): void {
  const { parentPort, workerData } = load("node:worker_threads") as typeof WorkerThreads;
  const Database = load("better-sqlite3") as typeof BetterSqlite3;
  const settings = workerData as CheckpointWorkerData;
  const db = new Database(settings.file);
  // A RESTART holds the write lock while it waits for readers: never long, or the app's writers wait
  // with it. If readers remain after this, it reports busy and the next tick tries again.
  db.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
  setInterval(() => {
    try {
      const [pass] = db.pragma("wal_checkpoint(PASSIVE)") as WalCheckpoint[];
      const log = Number(pass!.log);
      const behind = log - Number(pass!.checkpointed);
      if ((log > settings.restartFrames && behind < settings.catchUpFrames) || log > settings.forceFrames)
        db.pragma("wal_checkpoint(RESTART)");
    } catch (error) {
      const message: CheckpointWorkerMessage = { failed: String((error instanceof Error && error.message) || error) };
      parentPort?.postMessage(message);
    }
  }, settings.intervalMs);
}
