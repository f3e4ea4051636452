import { G2aClient } from "./g2a-client";
import { Progress } from "./progress";
import { playSale, type SaleOptions, type SaleProduct, type SaleResult } from "./sale";

export type SimulationOptions = SaleOptions & {
  base: string;
  clientId: string;
  clientSecret: string;
  orders: number;
  concurrency: number;
  /** Sold in turn: order i buys products[i % products.length]. */
  products: SaleProduct[];
  progress?: boolean;
};

export type Percentiles = { p50: number; p95: number; max: number } | null;

export type SimulationSummary = {
  orders: number;
  durationMs: number;
  ordersPerSecond: number;
  answered200: number;
  answered202: number;
  outcomes: Record<SaleResult["outcome"], number>;
  timeToKeysMs: Percentiles;
  errorsByCode: Record<string, number>;
  unexpected: Array<{ product: string; problem: string }>;
  results: SaleResult[];
};

/** The nearest-rank `p`th percentile (0–100] of times sorted ascending, in ms rounded to 0.1. */
export function percentileOf(sorted: readonly number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

/** Nearest-rank percentiles of the times, in ms rounded to 0.1. */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentileOf(sorted, 50), p95: percentileOf(sorted, 95), max: percentileOf(sorted, 100) };
}

export function summarize(results: readonly SaleResult[], durationMs: number): SimulationSummary {
  const outcomes = { keys: 0, pending: 0, "out-of-stock": 0, failed: 0, error: 0 };
  const errorsByCode: Record<string, number> = {};
  for (const result of results) {
    outcomes[result.outcome]++;
    if (result.errorCode) errorsByCode[result.errorCode] = (errorsByCode[result.errorCode] ?? 0) + 1;
  }
  return {
    orders: results.length,
    durationMs: Math.round(durationMs),
    ordersPerSecond: Math.round((results.length / Math.max(durationMs, 1)) * 1000 * 10) / 10,
    answered200: results.filter((result) => result.orderStatus === 200).length,
    answered202: results.filter((result) => result.orderStatus === 202).length,
    outcomes,
    timeToKeysMs: percentiles(results.flatMap((result) => (result.timeToKeysMs === null ? [] : [result.timeToKeysMs]))),
    errorsByCode,
    unexpected: results.flatMap((result) =>
      result.unexpected ? [{ product: result.product.label, problem: result.unexpected }] : [],
    ),
    results: [...results],
  };
}

/** Plays `orders` sales with `concurrency` at a time, and sums them up. */
export async function runSimulation(options: SimulationOptions): Promise<SimulationSummary> {
  const client = new G2aClient(options.base.replace(/\/+$/, ""), {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
  });
  await client.token(); // bad credentials or a wrong base URL stop the run before any sale
  const progress = new Progress(options.orders, options.progress ?? true);
  const results: SaleResult[] = [];
  const counts = { answered200: 0, answered202: 0, unexpected: 0 };
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.orders) {
      const index = next++;
      const result = await playSale(client, options.products[index % options.products.length]!, options);
      results.push(result);
      if (result.orderStatus === 200) counts.answered200++;
      if (result.orderStatus === 202) counts.answered202++;
      if (result.unexpected) counts.unexpected++;
      progress.update(
        results.length,
        `200: ${counts.answered200}  202: ${counts.answered202}  unexpected: ${counts.unexpected}`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.orders) }, worker));
  progress.end();
  return summarize(results, performance.now() - started);
}
