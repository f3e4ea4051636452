import { setTimeout as sleep } from "node:timers/promises";
import { G2aApiError } from "@/lib/g2a-api/errors";
import { G2aClient } from "./g2a-client";
import { Progress } from "./progress";
import { playSale, type SaleOptions, type SaleProduct, type SaleResult } from "./sale";
import { chooseSale, type SaleChoice, type Storefront } from "./storefront";

/** Shopping like G2A's buyers: each sale looks at the offers listed and buys only what is on sale. */
export type OfferShopping = {
  storefront: Storefront;
  /** Only these products, in turn; null: every product with a listed offer. */
  selection: readonly SaleProduct[] | null;
  /** Units per sale of a product outside the selection. */
  quantity: number;
  /** How long a worker waits after a skipped sale before its next one (default 1 s). */
  skipWaitMs?: number;
};

/** What each sale buys: the products in turn, or what the offers show. */
export type SaleSource =
  | {
      /** Sold in turn: order i buys products[i % products.length]. */
      products: SaleProduct[];
      shopping?: undefined;
    }
  | { shopping: OfferShopping; products?: undefined };

/** How many sales, how many at once, and what each one buys. */
export type SalePlan = { orders: number; concurrency: number; progress?: boolean } & SaleSource;

export type SimulationOptions = SaleOptions &
  SalePlan & {
    base: string;
    clientId: string;
    clientSecret: string;
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
  /** Only when shopping from offers. */
  shopping?: ShoppingSummary;
};

/** Sales bought vs skipped when shopping from offers; skipped ones counted by product label and reason. */
export type ShoppingSummary = {
  offersFrom: string;
  bought: number;
  skipped: number;
  skippedByProduct: Record<string, number>;
  skippedByReason: Record<string, number>;
};

type SkippedSale = Extract<SaleChoice, { kind: "skip" }>;

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

function countBy(skips: readonly SkippedSale[], key: (skip: SkippedSale) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const skip of skips) counts[key(skip)] = (counts[key(skip)] ?? 0) + 1;
  return counts;
}

function summarizeShopping(offersFrom: string, bought: number, skips: readonly SkippedSale[]): ShoppingSummary {
  return {
    offersFrom,
    bought,
    skipped: skips.length,
    skippedByProduct: countBy(skips, (skip) => skip.product),
    skippedByReason: countBy(skips, (skip) => skip.reason),
  };
}

/** The shopper's choice for the `index`th sale; offers that cannot be read skip the sale, saying why. */
async function shop(shopping: OfferShopping, index: number): Promise<SaleChoice> {
  try {
    return chooseSale(await shopping.storefront.offers(), shopping.selection, index, shopping.quantity);
  } catch (error) {
    if (!(error instanceof G2aApiError)) throw error;
    const product = shopping.selection?.[index % shopping.selection.length]?.label ?? "(offers not readable)";
    return { kind: "skip", product, reason: `offers not readable (${error.kind})` };
  }
}

/** Plays `orders` sales with `concurrency` at a time, each made by `sell` unless skipped, and sums them up. */
export async function playSales(
  plan: SalePlan,
  sell: (product: SaleProduct) => Promise<SaleResult>,
): Promise<SimulationSummary> {
  const { shopping, products } = plan;
  const choose = shopping
    ? (index: number) => shop(shopping, index)
    : async (index: number): Promise<SaleChoice> => ({ kind: "buy", product: products[index % products.length]! });
  const progress = new Progress(plan.orders, plan.progress ?? true, shopping ? "sales" : "orders");
  const results: SaleResult[] = [];
  const skips: SkippedSale[] = [];
  const counts = { answered200: 0, answered202: 0, unexpected: 0 };
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < plan.orders) {
      const index = next++;
      const choice = await choose(index);
      if (choice.kind === "skip") {
        skips.push(choice);
      } else {
        const result = await sell(choice.product);
        results.push(result);
        if (result.orderStatus === 200) counts.answered200++;
        if (result.orderStatus === 202) counts.answered202++;
        if (result.unexpected) counts.unexpected++;
      }
      const answers = `200: ${counts.answered200}  202: ${counts.answered202}  unexpected: ${counts.unexpected}`;
      progress.update(
        results.length + skips.length,
        shopping ? `bought: ${results.length}  skipped: ${skips.length}  ${answers}` : answers,
      );
      // Nothing was on sale: look again a little later rather than at once.
      if (choice.kind === "skip" && next < plan.orders) await sleep(shopping?.skipWaitMs ?? 1_000);
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, plan.orders) }, worker));
  progress.end();
  const summary = summarize(results, performance.now() - started);
  if (!shopping) return summary;
  return { ...summary, shopping: summarizeShopping(shopping.storefront.url, results.length, skips) };
}

/** Plays `orders` sales against the app at `base` as G2A does, and sums them up. */
export async function runSimulation(options: SimulationOptions): Promise<SimulationSummary> {
  const client = new G2aClient(options.base.replace(/\/+$/, ""), {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
  });
  await client.token(); // bad credentials or a wrong base URL stop the run before any sale
  if (options.shopping) {
    const { storefront } = options.shopping;
    // Likewise for the offers: a wrong URL or refused credentials are not a run of skipped sales.
    await storefront.offers().catch((error: unknown) => {
      throw new Error(`the offers at ${storefront.url} could not be read: ${(error as Error).message}`);
    });
  }
  return playSales(options, (product) => playSale(client, product, options));
}
