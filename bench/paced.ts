import http from "node:http";
import { performance } from "node:perf_hooks";
import { percentileOf } from "@/tools/g2a-simulator/run";
import type { LoadResult } from "./load";

type PacedOptions = {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  ratePerSecond: number;
  durationS: number;
  timeoutMs?: number;
};

/**
 * A fixed arrival rate on 127.0.0.1: request i is sent at start + i / rate, whether or not the
 * earlier ones have been answered (keep-alive sockets, as many as needed), and its latency counts
 * from the moment it was due, so a stalled server cannot hide its queue (no coordinated omission).
 * Any non-2xx answer, timeout or connection error counts as an error.
 *
 * autocannon's rate option is not used for this: each of its connections sends its quota for a
 * second back-to-back as the second begins, which measures a burst every second, not a steady rate.
 */
export async function pacedLoad(options: PacedOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const total = Math.round(options.ratePerSecond * options.durationS);
  const intervalMs = 1000 / options.ratePerSecond;
  const latencies: number[] = [];
  let errors = 0;
  const inFlight = new Set<Promise<void>>();

  const send = (due: number) => {
    const done = new Promise<void>((resolve) => {
      const finish = (ok: boolean) => {
        if (ok) latencies.push(performance.now() - due);
        else errors++;
        resolve();
      };
      const request = http.request(
        options.url,
        { method: options.method, headers: options.headers, agent, timeout: options.timeoutMs ?? 10_000 },
        (response) => {
          response.resume();
          response.on("end", () =>
            finish(response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300),
          );
          response.on("error", () => finish(false));
        },
      );
      request.on("timeout", () => request.destroy(new Error("timeout")));
      request.on("error", () => finish(false));
      request.end(options.body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  const start = performance.now();
  for (let index = 0; index < total;) {
    const now = performance.now();
    while (index < total && start + index * intervalMs <= now) send(start + index++ * intervalMs);
    const wait = start + index * intervalMs - performance.now();
    if (index < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
  }
  await Promise.all(inFlight);
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();

  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? 0 : percentileOf(sorted, p));
  return {
    requestsPerSecond: Math.round(sorted.length / elapsedS),
    p50Ms: at(50),
    p99Ms: at(99),
    errors,
    requests: total,
  };
}
