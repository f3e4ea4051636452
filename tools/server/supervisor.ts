import type { ChildProcess } from "node:child_process";
import fs from "node:fs";

export type SupervisorOptions = {
  /** Starts one server process, its stderr piped (the supervisor passes it on and keeps the last lines). */
  spawn: () => ChildProcess;
  /** Where the running server's process id is written, for operators and tests. */
  pidFile: string;
  /** Wait before the nth restart in a row (1-based). */
  backoffMs?: (restart: number) => number;
  /** A server that ran this long counts as healthy: the next crash restarts it after the first wait again. */
  stableAfterMs?: number;
  log?: (line: string) => void;
};

/** 1 s, 2 s, 4 s … up to 30 s between restarts of a server that keeps dying. */
export const defaultBackoffMs = (restart: number) => Math.min(30_000, 1000 * 2 ** (restart - 1));

const STDERR_LINES_KEPT = 20;

/** Why a process ended, in words: its signal or exit code, and the last error line it printed. */
function describeExit(code: number | null, signal: NodeJS.Signals | null, lastLines: string[]): string {
  const how = signal ? `killed by ${signal}` : `exit code ${code}`;
  const cause = [...lastLines].reverse().find((line) => /error|fatal|out of memory|abort/i.test(line));
  return cause ? `${how}; it last printed: ${cause.trim().slice(0, 300)}` : how;
}

/**
 * Keeps the server running: when the process dies without being asked to stop, it is started again
 * after a growing wait, and the reason is logged. Its workflow runs resume from the database on
 * the new process's start.
 */
export class ServerSupervisor {
  readonly #options: Required<SupervisorOptions>;
  #child: ChildProcess | null = null;
  #stopping = false;
  #restartsInARow = 0;
  #restartTimer: NodeJS.Timeout | null = null;

  constructor(options: SupervisorOptions) {
    this.#options = {
      backoffMs: defaultBackoffMs,
      stableAfterMs: 60_000,
      log: (line) => console.error(line),
      ...options,
    };
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  start(): void {
    const child = this.#options.spawn();
    const startedAt = Date.now();
    const lastLines: string[] = [];
    child.stderr?.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      lastLines.push(
        ...chunk
          .toString()
          .split("\n")
          .filter((line) => line.trim() !== ""),
      );
      lastLines.splice(0, Math.max(0, lastLines.length - STDERR_LINES_KEPT));
    });
    this.#child = child;
    if (child.pid) fs.writeFileSync(this.#options.pidFile, `${child.pid}\n`, { mode: 0o600 });
    child.once("exit", (code, signal) => {
      this.#child = null;
      if (this.#stopping) return;
      if (Date.now() - startedAt >= this.#options.stableAfterMs) this.#restartsInARow = 0;
      this.#restartsInARow += 1;
      const waitMs = this.#options.backoffMs(this.#restartsInARow);
      this.#options.log(
        `The server stopped unexpectedly (${describeExit(code, signal, lastLines)}); restarting it in ${Math.round(waitMs / 100) / 10} s.`,
      );
      this.#restartTimer = setTimeout(() => this.start(), waitMs);
    });
  }

  /** Stops the server (SIGTERM, SIGKILL after `graceMs`) and restarts nothing after. */
  async stop(graceMs = 10_000): Promise<void> {
    this.#stopping = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    const child = this.#child;
    fs.rmSync(this.#options.pidFile, { force: true });
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(kill);
  }
}
