import fs from "node:fs";

/** Resident memory of a process and its descendants, read from /proc (Linux). */
function rssBytes(pid: number): number {
  let total = 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) total += rssBytes(Number(child));
    }
  } catch {
    // the process ended between two reads
  }
  return total;
}

/** Samples the server's RSS every 100 ms; `peak()` is the highest seen since the last reset. */
export class RssSampler {
  #peak = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.#timer = setInterval(() => (this.#peak = Math.max(this.#peak, rssBytes(this.pid))), 100);
  }

  reset(): void {
    this.#peak = rssBytes(this.pid);
  }

  peakMb(): number {
    this.#peak = Math.max(this.#peak, rssBytes(this.pid));
    return Math.round(this.#peak / 1024 / 1024);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
