import { parseArgs } from "node:util";
import { DEFAULT_G2A_SANDBOX_CLIENT } from "../g2a-sandbox/auth";
import { resolveProducts } from "./products";
import { formatSummary } from "./report";
import { runSimulation, type SaleSource } from "./run";
import { Storefront } from "./storefront";

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
  --from-offers URL       shop like G2A's buyers: before each sale read our offers from this G2A Import API
                          (e.g. the G2A sandbox, http://127.0.0.1:4020) and buy only active offers with
                          stock, at their listed price; other sales are skipped
  --offers-client-id ID   Import API client id (G2A_API_CLIENT_ID, else the G2A sandbox's own client)
  --offers-client-secret SECRET
                          Import API client secret (G2A_API_CLIENT_SECRET, else the G2A sandbox's own)
  --json                  print the summary as JSON instead of text
  --no-progress           no progress bar`;

class UsageError extends Error {}

/** The --from-offers URL, checked: an http(s) address. */
function offersUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--from-offers expects a URL such as http://127.0.0.1:4020, got "${value}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`--from-offers expects an http or https URL, got "${value}"`);
  return value;
}

/** The Import API credentials: given (flag, else environment) as a pair, or the G2A sandbox's own pair. */
function offersCredentials(clientId: string | undefined, clientSecret: string | undefined) {
  if (clientId === undefined && clientSecret === undefined) return DEFAULT_G2A_SANDBOX_CLIENT;
  if (!clientId || !clientSecret)
    throw new UsageError(
      "--offers-client-id and --offers-client-secret (or G2A_API_CLIENT_ID / G2A_API_CLIENT_SECRET) go together",
    );
  return { clientId, clientSecret };
}

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
      "from-offers": { type: "string" },
      "offers-client-id": { type: "string" },
      "offers-client-secret": { type: "string" },
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
  const fromOffers = values["from-offers"];
  if (fromOffers === undefined && (values["offers-client-id"] ?? values["offers-client-secret"]) !== undefined)
    throw new UsageError("--offers-client-id and --offers-client-secret only apply with --from-offers");
  if (fromOffers !== undefined && values["unit-price"] !== undefined)
    throw new UsageError("--unit-price does not apply with --from-offers: each sale pays the offer's listed price");
  let products;
  try {
    products = resolveProducts(values.products, values["unit-price"], quantity);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let source: SaleSource;
  if (fromOffers === undefined) {
    source = { products };
  } else {
    const credentials = offersCredentials(
      values["offers-client-id"] ?? process.env.G2A_API_CLIENT_ID,
      values["offers-client-secret"] ?? process.env.G2A_API_CLIENT_SECRET,
    );
    source = {
      shopping: {
        storefront: new Storefront({ baseUrl: offersUrl(fromOffers), ...credentials }),
        selection: values.products?.trim() ? products : null,
        quantity,
      },
    };
  }
  const summary = await runSimulation({
    base: values.base ?? "http://localhost:3000/api/g2a",
    clientId,
    clientSecret,
    orders: positiveInteger(values.orders, "orders", 20),
    concurrency: positiveInteger(values.concurrency, "concurrency", 4),
    ...source,
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
