import path from "node:path";
import { startSimulator } from "@/tools/cws-sandbox/server";
import { runSimulation, type SimulationSummary } from "@/tools/g2a-simulator/run";

// B2's set-up and load, shared by `npm run bench` and `npm run bench:profile`: the one product of
// bench/catalogue.json mapped on G2A, and the G2A credentials the app is started with.

export const PRODUCT = { g2aProductId: "20000000000001", cwsProductId: "b3e1c0de-0000-4000-8000-000000000001" };
export const G2A = {
  clientId: "bench000000000000000000000000000",
  clientSecret: "bench-secret-bench-secret-bench-secret-bench-00",
};

/** The local CWS sandbox at zero latency with bench/catalogue.json: a large stock and balance, no rate limits. */
export function startBenchCws(root: string) {
  return startSimulator({
    port: 0,
    catalogue: path.join(root, "bench", "catalogue.json"),
    balance: 100_000_000,
    rateLimits: false,
    log: false,
  });
}

/** `orders` full cycles at concurrency 10 on the instant product, as G2A plays them against `appUrl`. */
export function fullCycles(appUrl: string, orders: number): Promise<SimulationSummary> {
  return runSimulation({
    base: `${appUrl}/api/g2a`,
    clientId: G2A.clientId,
    clientSecret: G2A.clientSecret,
    orders,
    concurrency: 10,
    products: [
      {
        g2aProductId: PRODUCT.g2aProductId,
        label: "BENCH",
        unitPrice: "2.00",
        quantity: 1,
        expected: { kind: "keys", keyKind: "text" },
      },
    ],
    pollIntervalMs: 100,
    waitForKeysMs: 30_000,
    returnKeys: false,
    progress: false,
  });
}
