import { parseArgs } from "node:util";
import { resolveProducts } from "./products";
import { formatSummary } from "./report";
import { runSimulation } from "./run";

// `npm run g2a:simulate -- --base http://localhost:3000/api/g2a --client-id … --client-secret …
// --orders 20 --concurrency 4`
// Plays G2A against a running app and prints what happened; exits 1 when an order ended unexpectedly.

const USAGE = `Usage: npm run g2a:simulate -- [options]

  --base URL              the app's G2A base URL (http://localhost:3000/api/g2a)
  --client-id ID          G2A client id (G2A_CLIENT_ID)
  --client-secret SECRET  G2A client secret (G2A_CLIENT_SECRET)
  --orders N              how many sales to play (20)
  --concurrency C         sales at the same time (4)
  --products LIST         G2A product ids or demo names, comma-separated (every demo product)
  --unit-price LIST       prices G2A offers, e.g. 10000000000021=15.00 (demo defaults leave a margin)
  --quantity Q            units per sale (1)
  --wait-keys-ms MS       how long to poll for keys after a 202 (30000)
  --poll-interval-ms MS   time between inventory polls (500)
  --returns               return every key after receiving it (DELETE …/inventory)
  --json                  print the summary as JSON instead of text
  --no-progress           no progress bar`;

class UsageError extends Error {}

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new UsageError(`--${name} expects a whole number of at least 1, got "${value}"`);
  return parsed;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      orders: { type: "string" },
      concurrency: { type: "string" },
      products: { type: "string" },
      "unit-price": { type: "string" },
      quantity: { type: "string" },
      "wait-keys-ms": { type: "string" },
      "poll-interval-ms": { type: "string" },
      returns: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "no-progress": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const clientId = values["client-id"] ?? process.env.G2A_CLIENT_ID;
  const clientSecret = values["client-secret"] ?? process.env.G2A_CLIENT_SECRET;
  if (!clientId || !clientSecret)
    throw new UsageError(
      "--client-id and --client-secret are required (or G2A_CLIENT_ID / G2A_CLIENT_SECRET): npm start prints them",
    );
  const quantity = positiveInteger(values.quantity, "quantity", 1);
  let products;
  try {
    products = resolveProducts(values.products, values["unit-price"], quantity);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const summary = await runSimulation({
    base: values.base ?? "http://localhost:3000/api/g2a",
    clientId,
    clientSecret,
    orders: positiveInteger(values.orders, "orders", 20),
    concurrency: positiveInteger(values.concurrency, "concurrency", 4),
    products,
    pollIntervalMs: positiveInteger(values["poll-interval-ms"], "poll-interval-ms", 500),
    waitForKeysMs: positiveInteger(values["wait-keys-ms"], "wait-keys-ms", 30_000),
    returnKeys: values.returns,
    progress: !values["no-progress"] && !values.json,
  });
  if (values.json) {
    // Keys are the merchandise: the JSON report counts them but never prints them.
    const results = summary.results.map(({ keys, product, ...result }) => ({
      ...result,
      product: product.label,
      keys: keys.length,
    }));
    console.log(JSON.stringify({ ...summary, results }, null, 2));
  } else {
    console.log(formatSummary(summary));
  }
  return summary.unexpected.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`g2a-simulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
