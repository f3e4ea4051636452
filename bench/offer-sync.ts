import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createKeyVault, type KeyVault } from "@/lib/crypto";
import { CwsClient, createDbTokenStore, type CwsProduct } from "@/lib/cws";
import { createDb, startBackgroundCheckpoints, type CheckpointerHandle, type Db } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { CWS_PUBLIC_SANDBOX_CLIENT_ID, CWS_PUBLIC_SANDBOX_CLIENT_SECRET, loadEnv, type Env } from "@/lib/env";
import { createG2aApiClient, createG2aApiTokenStore, type G2aApiClient } from "@/lib/g2a-api";
import { createLogger } from "@/lib/logger";
import { offerSyncConfigFrom } from "@/lib/offers/config";
import type { OfferDeps } from "@/lib/offers/deps";
import { runOfferPass, type PassSummary } from "@/lib/offers/sync-pass";
import { StockSnapshots } from "@/lib/stock/snapshots";
import { inTransaction } from "@/lib/stores";
import { startSimulator } from "@/tools/cws-sandbox/server";
import { API_ROUTE_KEYS } from "@/tools/g2a-sandbox/route-keys";
import { DEFAULT_G2A_SANDBOX_CLIENT, startG2aSandbox, type G2aSandboxProduct } from "@/tools/g2a-sandbox/server";
import { RECENT_REQUESTS_KEPT } from "@/tools/sandbox-kit/request-log";
import { splitRouteKey } from "@/tools/sandbox-kit/route-keys";
import { matchRoute } from "@/tools/sandbox-kit/router";
import { RssSampler } from "./memory";
import type { BenchRow } from "./table";

// B5: one offer sync pass over 10,000 mappings of which 1% changed since the last pass, in this
// process, against the local G2A sandbox at its token-bucket rate limit and a client at the
// product's own pace. The database is a fresh migrated SQLite file; CWS snapshots are written
// straight into it (the pass reads no CWS).

export const OFFER_SYNC_TARGETS = { b5MaxUpdates: 100, b5Max429: 0, b5MaxPassS: 60 };

const MAPPINGS = 10_000;
/** Passes allowed to reach the steady state before the set-up counts as failed. */
const MAX_SETTLING_PASSES = 8;
const SEED_CONCURRENCY = 16;

type ChangeKind = "to-zero" | "from-zero" | "stock" | "price";
type Change = { index: number; kind: ChangeKind };

const g2aProductId = (index: number) => String(30_000_000_000_000 + index);
const cwsProductId = (index: number) => `b5000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
const baseQuantity = (index: number) => 10 + (index % 500);
const basePriceCents = (index: number) => BigInt(100 + (index % 400) * 5);
/** One mapping in a hundred is out of stock in the steady state: its offer is off, its price kept. */
const outOfStock = (index: number) => index % 100 === 99;

/** The 1%: 80 stock changes (20 to zero, 20 back from zero, 40 between positive sizes) and 20 price changes. */
function changesOfOnePercent(): Change[] {
  const changes: Change[] = [];
  for (let slot = 0; slot < 100; slot++) {
    if (slot < 20) changes.push({ index: slot * 100 + 7, kind: "to-zero" });
    else if (slot < 40) changes.push({ index: slot * 100 + 99, kind: "from-zero" });
    else if (slot < 80) changes.push({ index: slot * 100 + 7, kind: "stock" });
    else changes.push({ index: slot * 100 + 7, kind: "price" });
  }
  return changes;
}

function cwsProduct(index: number, quantity: number, unitPriceCents: bigint): CwsProduct {
  return {
    productId: cwsProductId(index),
    identifier: `B5-${index}`,
    name: `Bench product ${index}`,
    platform: "Steam",
    quantity,
    prices: [
      { valueCents: unitPriceCents, from: 1, to: 9 },
      { valueCents: (unitPriceCents * 95n) / 100n, from: 10, to: null },
    ],
    regions: ["WORLDWIDE"],
    languages: ["Multilanguage"],
    releaseDate: null,
  };
}

function changedProduct({ index, kind }: Change, slot: number): CwsProduct {
  const quantity = baseQuantity(index);
  const price = basePriceCents(index);
  switch (kind) {
    case "to-zero":
      return cwsProduct(index, 0, price);
    case "from-zero":
      return cwsProduct(index, 25, price);
    case "stock":
      return cwsProduct(index, slot % 2 === 0 ? quantity + 5 : quantity - 3, price);
    case "price":
      return cwsProduct(index, quantity, slot % 2 === 0 ? price + 100n : price - 40n);
  }
}

async function writeSnapshots(db: Db, products: readonly CwsProduct[]): Promise<void> {
  const at = new Date();
  await inTransaction(db, (tx) => {
    for (const product of products) tx.snapshots.save(product, at, at);
  });
}

/**
 * A control request on a connection of its own: a pooled keep-alive connection may have been closed
 * by the sandbox (in this same process) while a pass kept the event loop busy, and reusing it fails.
 */
function control<T>(base: string, route: string, body?: unknown): Promise<T> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const request = http.request(
      `${base}/__sim/${route}`,
      {
        method: payload === undefined ? "GET" : "POST",
        agent: false,
        headers: payload === undefined ? {} : { "Content-Type": "application/json" },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if ((response.statusCode ?? 500) >= 400)
            reject(new Error(`${base}/__sim/${route} answered ${response.statusCode}: ${text}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

/** Our offers as if listed on G2A before the app knew them: active, 1 unit, at €30.00 (above every target). */
async function seedG2aOffers(g2aUrl: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < MAPPINGS) {
      const index = next++;
      await control(g2aUrl, "offers", {
        productId: g2aProductId(index),
        price: "30.00",
        inventorySize: 1,
        active: true,
      });
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
}

type LoggedRequest = { at: string; method: string; path: string; status: number | null };

const ROUTES = API_ROUTE_KEYS.map((key) => ({ key, ...splitRouteKey(key) }));

/** What reached the G2A sandbox since `since`, from its request log. */
export type G2aTraffic = {
  requests: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  updates: number;
  answered429: number;
  /** False when the sandbox's log (its last 500 requests) may have dropped some of them. */
  complete: boolean;
};

async function g2aTrafficSince(g2aUrl: string, since: number): Promise<G2aTraffic> {
  const { requests } = await control<{ requests: LoggedRequest[] }>(g2aUrl, "state");
  const window = requests.filter((request) => Date.parse(request.at) >= since);
  const byRoute: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const request of window) {
    const match = matchRoute(ROUTES, request.method, request.path);
    const route = match.kind === "found" ? match.route.key : `${request.method} ${request.path}`;
    byRoute[route] = (byRoute[route] ?? 0) + 1;
    const status = String(request.status ?? "none");
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  return {
    requests: window.length,
    byRoute,
    byStatus,
    updates: byRoute["PATCH /v3/sales/offers/{offerId}"] ?? 0,
    answered429: byStatus["429"] ?? 0,
    // The log is in order: one older record still in it means none of the window was dropped.
    complete: window.length < RECENT_REQUESTS_KEPT,
  };
}

/** A client as getG2aApiClient builds one, at a given pace; every wait it makes is added up. */
type PacedClient = { client: G2aApiClient; requestsPerSecond: number; waitedMs: () => number };

type World = { db: Db; env: Env; vault: KeyVault; g2aUrl: string; deps: OfferDeps };

function pacedClient(world: Omit<World, "deps">, requestsPerSecond: number): PacedClient {
  const { clientId, clientSecret } = DEFAULT_G2A_SANDBOX_CLIENT;
  let waited = 0;
  const client = createG2aApiClient({
    baseUrl: world.g2aUrl,
    clientId,
    clientSecret,
    tokenStore: createG2aApiTokenStore(world.db, world.vault, { baseUrl: world.g2aUrl, clientId }),
    logger: createLogger({ level: "silent" }),
    requestsPerSecond,
    priceChangesPerHour: world.env.G2A_API_PRICE_CHANGES_PER_HOUR,
    // The rate limiter's waits (and retries', were there any) are the pass's time not spent working.
    sleep: (ms) => {
      waited += ms;
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
  });
  return { client, requestsPerSecond, waitedMs: () => waited };
}

const loadAverage = () => Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** This process's memory around a pass: the sandboxes, the database connection and the sync share it. */
export type PassMemory = {
  rssBeforeMb: number;
  rssAfterMb: number;
  /** Sampled every 100 ms during the pass. */
  peakRssMb: number;
  heapUsedBeforeMb: number;
  heapUsedAfterMb: number;
};

export type PassResult = {
  wallMs: number;
  /** Time the client waited for its rate limiter (and retries), within wallMs. */
  waitedMs: number;
  outcomes: PassSummary["outcomes"];
  listed: boolean;
  halted: string | null;
  problem: string | null;
  g2a: G2aTraffic;
  memory: PassMemory;
};

async function timedPass(world: World, paced: PacedClient): Promise<PassResult> {
  const deps: OfferDeps = { ...world.deps, client: async () => paced.client };
  const rss = new RssSampler(process.pid);
  rss.reset();
  const before = process.memoryUsage();
  const waitedBefore = paced.waitedMs();
  const since = Date.now();
  const started = performance.now();
  const summary = await runOfferPass(deps, "bench");
  const wallMs = Math.round(performance.now() - started);
  const peakRssMb = rss.peakMb();
  rss.stop();
  const after = process.memoryUsage();
  return {
    wallMs,
    waitedMs: Math.round(paced.waitedMs() - waitedBefore),
    outcomes: summary.outcomes,
    listed: summary.listed,
    halted: summary.halted,
    problem: summary.problem,
    g2a: await g2aTrafficSince(world.g2aUrl, since),
    memory: {
      rssBeforeMb: mb(before.rss),
      rssAfterMb: mb(after.rss),
      peakRssMb,
      heapUsedBeforeMb: mb(before.heapUsed),
      heapUsedAfterMb: mb(after.heapUsed),
    },
  };
}

/** Passes until one makes no G2A call at all: offers linked, priced, jobs settled, simulations cached. */
async function settle(
  world: World,
  paced: PacedClient,
  label: string,
  log: (line: string) => void,
): Promise<{ passes: number; quietPassMs: number }> {
  for (let pass = 1; pass <= MAX_SETTLING_PASSES; pass++) {
    const result = await timedPass(world, paced);
    log(
      `  ${label}, pass ${pass}: ${(result.wallMs / 1000).toFixed(1)} s, ${result.g2a.requests} G2A calls, ${JSON.stringify(result.outcomes)}`,
    );
    if (result.halted || result.problem || result.outcomes.failed > 0)
      throw new Error(`B5 set-up: a pass went wrong: ${JSON.stringify(result)}`);
    if (result.g2a.requests === 0) return { passes: pass, quietPassMs: result.wallMs };
  }
  throw new Error(`B5 set-up: still calling G2A after ${MAX_SETTLING_PASSES} passes`);
}

export type OfferSyncResult = {
  at: string;
  mappings: number;
  changed: Record<ChangeKind, number>;
  setup: { ms: number; passes: number; quietPassMs: number };
  g2aSandboxRateLimit: { mode: string; ratePerSecond: number; burst: number };
  clientRequestsPerSecond: number;
  /** The machine's 1-minute load average before the measured pass and after the next: other work on it slows B5. */
  loadAverage: { beforePass: number; afterSecondPass: number };
  pass: PassResult & { expectedUpdates: number };
  secondPass: PassResult;
  /** Requests the CWS sandbox received during B5: the pass works from snapshots alone. */
  cwsCalls: number;
};

/** Runs B5 in this process; its database, sandboxes and folder are gone when it returns or throws. */
export async function benchOfferSync(options: {
  dataDir: string;
  log: (line: string) => void;
}): Promise<OfferSyncResult> {
  const { dataDir, log } = options;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseFile = path.join(dataDir, "offer-sync.db");
  const products: G2aSandboxProduct[] = Array.from({ length: MAPPINGS }, (_, index) => ({
    id: g2aProductId(index),
    name: `Bench product ${index}`,
    priceLimit: { min: 0.1, max: 1000 },
  }));
  let db: Db | null = null;
  let checkpoints: CheckpointerHandle | null = null;
  const g2a = await startG2aSandbox({ port: 0, jobDelayMs: 0, products, log: false });
  const cws = await startSimulator({
    port: 0,
    catalogue: path.join(process.cwd(), "bench", "catalogue.json"),
    rateLimits: false,
    log: false,
  });
  try {
    await applyMigrations({ env: { DATA_DIR: dataDir, DATABASE_URL: `file:${databaseFile}` } });
    // The product's defaults, whatever this shell's environment says.
    const env = loadEnv({ DATA_DIR: dataDir });
    const vault = createKeyVault(env.KEY_ENCRYPTION_KEY);
    db = createDb(databaseFile);
    const silent = createLogger({ level: "silent" });
    // As in the app: WAL checkpoints on a worker thread, not in the pass's commits.
    checkpoints = await startBackgroundCheckpoints(db, databaseFile, silent);
    const cwsClient = new CwsClient({
      baseUrl: cws.url,
      clientId: CWS_PUBLIC_SANDBOX_CLIENT_ID,
      clientSecret: CWS_PUBLIC_SANDBOX_CLIENT_SECRET,
      tokenStore: createDbTokenStore(db, vault, { baseUrl: cws.url, clientId: CWS_PUBLIC_SANDBOX_CLIENT_ID }),
      logger: silent,
    });
    const base = { db, env, vault, g2aUrl: g2a.url };
    const world: World = {
      ...base,
      deps: {
        db,
        client: () => Promise.reject(new Error("each pass brings its own client")),
        config: offerSyncConfigFrom(env),
        log: silent,
        now: () => new Date(),
        owner: "bench-offer-sync",
        stock: new StockSnapshots(db, cwsClient, silent),
      },
    };

    log(`B5 offer sync: setting up ${MAPPINGS.toLocaleString("en")} mappings, snapshots and G2A offers…`);
    const setupStarted = performance.now();
    await db.productMapping.createMany({
      data: products.map((_, index) => ({ g2aProductId: g2aProductId(index), cwsProductId: cwsProductId(index) })),
    });
    const indices = products.map((_, index) => index);
    await writeSnapshots(
      db,
      indices.map((index) => cwsProduct(index, baseQuantity(index), basePriceCents(index))),
    );
    await seedG2aOffers(g2a.url);
    const fast = pacedClient(base, 10_000);
    const linked = await settle(world, fast, "linking and pricing", log);
    await writeSnapshots(
      db,
      indices.filter(outOfStock).map((index) => cwsProduct(index, 0, basePriceCents(index))),
    );
    const steady = await settle(world, fast, "1% out of stock", log);
    const setup = {
      ms: Math.round(performance.now() - setupStarted),
      passes: linked.passes + steady.passes,
      quietPassMs: steady.quietPassMs,
    };
    log(`  steady state after ${(setup.ms / 1000).toFixed(1)} s and ${setup.passes} passes`);

    const changes = changesOfOnePercent();
    await writeSnapshots(
      db,
      changes.map((change, slot) => changedProduct(change, slot)),
    );
    const { rateLimit } = await control<{ rateLimit: OfferSyncResult["g2aSandboxRateLimit"] }>(g2a.url, "settings", {
      rateLimit: { mode: "bucket" },
    });
    const paced = pacedClient(base, env.G2A_API_REQUESTS_PER_SECOND);
    log(
      `B5 offer sync: one pass with 1% changed (G2A sandbox ${rateLimit.ratePerSecond}/s, burst ${rateLimit.burst}; client ${paced.requestsPerSecond}/s)…`,
    );
    const loadBefore = loadAverage();
    const pass = await timedPass(world, paced);
    log("B5 offer sync: the next pass (settles the jobs)…");
    const secondPass = await timedPass(world, paced);
    const { counters } = await control<{ counters: { requests: Record<string, number> } }>(cws.url, "state");

    const changed = { "to-zero": 0, "from-zero": 0, stock: 0, price: 0 };
    for (const change of changes) changed[change.kind]++;
    return {
      at: new Date().toISOString(),
      mappings: MAPPINGS,
      changed,
      setup,
      g2aSandboxRateLimit: rateLimit,
      clientRequestsPerSecond: paced.requestsPerSecond,
      loadAverage: { beforePass: loadBefore, afterSecondPass: loadAverage() },
      pass: { ...pass, expectedUpdates: changes.length },
      secondPass,
      cwsCalls: Object.values(counters.requests).reduce((sum, count) => sum + count, 0),
    };
  } finally {
    await g2a.close();
    await cws.close();
    await checkpoints?.stop();
    await db?.$disconnect();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function passText(pass: PassResult): string {
  const { g2a } = pass;
  return `${seconds(pass.wallMs)} (${seconds(pass.waitedMs)} rate-limit waits), ${g2a.updates} updates, ${g2a.answered429} × 429, ${g2a.requests} calls${g2a.complete ? "" : " (log overflowed)"}`;
}

export function offerSyncRows(result: OfferSyncResult): BenchRow[] {
  const { pass, secondPass, setup } = result;
  const maxMs = OFFER_SYNC_TARGETS.b5MaxPassS * 1000;
  const passMet =
    pass.g2a.complete &&
    pass.g2a.updates <= OFFER_SYNC_TARGETS.b5MaxUpdates &&
    pass.g2a.updates === pass.expectedUpdates &&
    pass.outcomes.sent === pass.expectedUpdates &&
    pass.g2a.answered429 <= OFFER_SYNC_TARGETS.b5Max429 &&
    pass.halted === null &&
    pass.wallMs <= maxMs;
  const secondMet =
    secondPass.g2a.complete &&
    secondPass.g2a.updates === 0 &&
    secondPass.g2a.answered429 <= OFFER_SYNC_TARGETS.b5Max429 &&
    secondPass.halted === null &&
    secondPass.wallMs <= maxMs;
  const { memory } = pass;
  return [
    [
      "B5 offer sync, 10k offers, 1% due",
      `${passText(pass)}; ${pass.expectedUpdates} due`,
      `≤ ${OFFER_SYNC_TARGETS.b5MaxUpdates} updates, 0 × 429, ≤ ${OFFER_SYNC_TARGETS.b5MaxPassS} s`,
      passMet,
    ],
    [
      "B5 next pass (settles the jobs)",
      passText(secondPass),
      `0 updates, 0 × 429, ≤ ${OFFER_SYNC_TARGETS.b5MaxPassS} s`,
      secondMet,
    ],
    [
      "B5 memory during the pass",
      `RSS ${memory.rssBeforeMb} → ${memory.rssAfterMb} MB, peak ${memory.peakRssMb}; heap used ${memory.heapUsedBeforeMb} → ${memory.heapUsedAfterMb} MB`,
      "none (sandboxes in the process)",
      null,
    ],
    [
      "B5 set-up (not measured)",
      `${seconds(setup.ms)} in ${setup.passes} passes; a pass with nothing to send: ${seconds(setup.quietPassMs)}`,
      "none",
      null,
    ],
  ];
}
