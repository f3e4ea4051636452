import fs from "node:fs";

/** One process of a tree: its id, a short name (its command line, cut), and its resident memory. */
export type ProcessRss = { pid: number; name: string; rssBytes: number };

function processName(pid: number): string {
  try {
    const words = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    return words
      .map((word) => (word.includes("/") ? (word.split("/").pop() ?? word) : word))
      .join(" ")
      .slice(0, 60);
  } catch {
    return "?";
  }
}

/** Every process of the tree rooted at `pid` with its resident memory, read from /proc (Linux). */
export function processTree(pid: number): ProcessRss[] {
  const found: ProcessRss[] = [];
  const visit = (current: number) => {
    try {
      const status = fs.readFileSync(`/proc/${current}/status`, "utf8");
      const rssBytes = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      found.push({ pid: current, name: processName(current), rssBytes });
      for (const task of fs.readdirSync(`/proc/${current}/task`)) {
        const children = fs.readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      // the process ended between two reads
    }
  };
  visit(pid);
  return found;
}

const toMb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Samples the summed RSS of a process and all its descendants every 100 ms; `peakMb()` is the highest
 * sum seen since the last reset, and `peakTree()` the processes of that sample.
 */
export class RssSampler {
  #peak = 0;
  #peakTree: ProcessRss[] = [];
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.#timer = setInterval(() => this.#sample(), 100);
  }

  #sample(): void {
    const tree = processTree(this.pid);
    const total = tree.reduce((sum, process) => sum + process.rssBytes, 0);
    if (total >= this.#peak) {
      this.#peak = total;
      this.#peakTree = tree;
    }
  }

  reset(): void {
    this.#peak = 0;
    this.#sample();
  }

  peakMb(): number {
    this.#sample();
    return toMb(this.#peak);
  }

  /** The processes at the peak, largest first, each with its RSS in MB. */
  peakTree(): { pid: number; name: string; rssMb: number }[] {
    return [...this.#peakTree]
      .sort((a, b) => b.rssBytes - a.rssBytes)
      .map(({ pid, name, rssBytes }) => ({ pid, name, rssMb: toMb(rssBytes) }));
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
