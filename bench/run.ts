import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDb } from "@/lib/db";
import { signIn } from "@/tests/support/admin-session";
import { ensureBuild } from "@/tools/build/ensure-build";
import { freePort } from "@/tools/net/free-port";
import { percentiles } from "@/tools/g2a-simulator/run";
import { startBaselineServer } from "./baseline-server";
import { fullCycles, G2A, PRODUCT, startBenchCws } from "./full-cycle";
import { load, type LoadResult } from "./load";
import { pacedLoad } from "./paced";
import { RssSampler } from "./memory";
import { benchOfferSync, OFFER_SYNC_TARGETS, offerSyncRows, type OfferSyncResult } from "./offer-sync";
import { seedOrders } from "./seed-orders";
import { metByRow, printTable, type BenchRow } from "./table";

// `npm run bench`: the production build under load on 127.0.0.1, against the local CWS sandbox at
// zero latency with a catalogue of its own (B1–B4), then the offer sync in this process (B5). Prints a
// table and writes bench/results.json. `npm run bench -- --only B5` runs B5 alone and updates its part
// of bench/results.json.

const root = process.cwd();
const dataDir = path.join(root, "bench", ".data");
const resultsFile = path.join(root, "bench", "results.json");
const ADMIN = { email: "bench@example.com", password: "bench-password-1" };
const RESERVATION_BODY = JSON.stringify([
  { product_id: Number(PRODUCT.g2aProductId), quantity: 1, additional_data: { unit_price: "2.00" } },
]);

const TARGETS = {
  b1ReservationsPerSecond: 600,
  b1P99AtFixedRateMs: 25,
  b2OrdersPerSecond: 100,
  b2P50TimeToKeysMs: 60,
  b2P95TimeToKeysMs: 150,
  b2Share200: 1,
  b3PeakRssMb: 300,
  b4P95Ms: 50,
  b1VsBaselineMaxRatio: 4,
};

const log = (line: string) => process.stderr.write(`${line}\n`);

type RunningApp = { child: ChildProcess; stop: () => Promise<void>; lastOutput: () => string };

/** The app as a user starts it: `npm start`, whose process tree is what B3 measures. */
async function startApp(port: number, cwsUrl: string, g2aSandboxPort: number): Promise<RunningApp> {
  const child = spawn("npm", ["start", "--silent"], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      CWS_BASE_URL: cwsUrl,
      G2A_SANDBOX_PORT: String(g2aSandboxPort),
      G2A_CLIENT_ID: G2A.clientId,
      G2A_CLIENT_SECRET: G2A.clientSecret,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
    // A process group of its own, signalled as a terminal's Ctrl-C signals npm and what it runs.
    detached: true,
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // the group has ended
    }
  };
  // Whatever happens to the benchmark, the app it started stops with it.
  process.once("exit", () => signal("SIGTERM"));
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  while (!output.includes("Press Ctrl-C to stop.")) {
    if (child.exitCode !== null) throw new Error(`the app did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      signal("SIGINT");
    });
  // The app's own log, kept short: its last lines explain a benchmark that failed half-way.
  const lastOutput = () => output.split("\n").slice(-40).join("\n");
  child.stdout?.on("data", () => (output = output.length > 200_000 ? output.slice(-100_000) : output));
  return { child, stop, lastOutput };
}

async function g2aToken(base: string): Promise<string> {
  const query = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: G2A.clientId,
    client_secret: G2A.clientSecret,
  });
  const answer = (await (await fetch(`${base}/api/g2a/oauth/token?${query}`)).json()) as { access_token: string };
  return answer.access_token;
}

/** p50/p95 of `count` sequential GETs, as the dashboard makes them. */
async function timeGets(url: string, cookie: string, count: number): Promise<{ p50Ms: number; p95Ms: number }> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { Cookie: cookie } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  const result = percentiles(times)!;
  return { p50Ms: result.p50, p95Ms: result.p95 };
}

/** The one reservation every B1 run and the baseline send, to the given URL. */
function reservationRequest(url: string, token: string) {
  return {
    url,
    method: "POST" as const,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: RESERVATION_BODY,
  };
}

function reservationLoad(
  base: string,
  token: string,
  extra: { connections: number; durationS: number },
): Promise<LoadResult> {
  return load({ ...reservationRequest(`${base}/api/g2a/reservation`, token), ...extra });
}

const WARM_UP_S = 15;
const SETTLE_MS = 3_000;

/**
 * Reservations at full load until the app is warm: at least WARM_UP_S seconds (V8 compiles the hot
 * paths as they run), and until its scheduled jobs have run once, at the first minute after the
 * app started (the first run of each job loads and compiles that code). What is measured after
 * is the app as it runs for days, not its first minute.
 */
async function warmUp(base: string, token: string, appStartedAt: number): Promise<void> {
  const firstJobsDone = Math.ceil(appStartedAt / 60_000) * 60_000 + 5_000;
  const until = Math.max(Date.now() + WARM_UP_S * 1000, firstJobsDone);
  while (Date.now() < until) {
    await reservationLoad(base, token, {
      connections: 50,
      durationS: Math.min(10, Math.max(1, Math.ceil((until - Date.now()) / 1000))),
    });
  }
}

/**
 * `--only B5` (or `--only=B5`): B5 alone; `--only B1-B4`: the app's benchmarks without B5. B1–B4
 * share one run of the app, so they run together.
 */
function onlyOption(args: readonly string[]): "B5" | "B1-B4" | null {
  const text = args.join(" ").replace("--only=", "--only ").trim();
  if (text === "") return null;
  if (/^--only b5$/i.test(text)) return "B5";
  if (/^--only b1-b4$/i.test(text)) return "B1-B4";
  throw new Error(`Unknown arguments "${text}": the options are --only B5 and --only B1-B4 (B1–B4 run together)`);
}

function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}

function runB5(): Promise<OfferSyncResult> {
  return benchOfferSync({ dataDir: path.join(dataDir, "offer-sync"), log });
}

/** What the last run wrote to bench/results.json, or nothing. */
function readResults(): { targets?: object; results?: object; met?: Record<string, boolean> } {
  return fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, "utf8")) : {};
}

/** B5 alone: its rows, and its part of bench/results.json replaced (the rest is kept as the last full run left it). */
async function mainB5Only(): Promise<void> {
  const b5 = await runB5();
  const rows = offerSyncRows(b5);
  printTable(rows);
  const previous = readResults();
  const report = {
    ...previous,
    targets: { ...previous.targets, ...OFFER_SYNC_TARGETS },
    results: { ...previous.results, b5: { ...b5, machine: machine() } },
    met: { ...previous.met, ...metByRow(rows) },
  };
  fs.writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log("\nB5 written to bench/results.json");
}

async function main(): Promise<void> {
  const only = onlyOption(process.argv.slice(2));
  if (only === "B5") return mainB5Only();
  const durationS = Number(process.env.BENCH_DURATION_S ?? 20);
  await ensureBuild(root, { log });
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });

  const sandbox = await startBenchCws(root);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  log(`Starting the app on ${base} (CWS sandbox ${sandbox.url})…`);
  const app = await startApp(port, sandbox.url, await freePort());
  const appStartedAt = Date.now();
  const databaseFile = path.join(dataDir, "app.db");
  const db = createDb(databaseFile);
  await db.productMapping.create({
    data: { g2aProductId: PRODUCT.g2aProductId, cwsProductId: PRODUCT.cwsProductId, minMarginCents: 0n },
  });
  const token = await g2aToken(base);
  const rss = new RssSampler(app.child.pid!);
  const results: Record<string, unknown> = {};
  try {
    log("Warming up (at least 15 s, and until the app's scheduled jobs have run once)…");
    await warmUp(base, token, appStartedAt);
    const baselineFile = path.join(dataDir, "baseline.db");
    await db.$executeRawUnsafe(`VACUUM INTO '${baselineFile}'`);
    rss.reset();

    log(`B1 reservations: 50 connections for ${durationS} s…`);
    const b1 = await reservationLoad(base, token, { connections: 50, durationS });
    // The fixed rate is measured on its own, not in the wake of the run before it (its closing
    // connections, its garbage and its WAL still being worked off).
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    log(`B1 reservations: 200 requests/s for ${durationS} s…`);
    const b1Fixed = await pacedLoad({
      ...reservationRequest(`${base}/api/g2a/reservation`, token),
      ratePerSecond: 200,
      durationS,
    });

    log("B2 full cycle: 500 orders at concurrency 10…");
    const b2 = await fullCycles(base, 500);
    const peakRssMb = rss.peakMb();
    const peakProcesses = rss.peakTree();

    log("B4 dashboard API: seeding 100,000 orders…");
    const searched = seedOrders(databaseFile, 100_000, PRODUCT);
    const cookie = await signIn({ url: base }, ADMIN.email, ADMIN.password);
    await timeGets(`${base}/api/admin/orders?status=COMPLETED&page=1`, cookie, 20);
    const b4List = await timeGets(`${base}/api/admin/orders?status=COMPLETED&page=1`, cookie, 300);
    const b4Search = await timeGets(`${base}/api/admin/orders?q=${searched}`, cookie, 300);

    log(`Baseline: the same reservation on a bare node:http server, 50 connections for ${durationS} s…`);
    const baseline = await startBaselineServer(baselineFile);
    await load({ ...reservationRequest(`${baseline.url}/reservation`, token), connections: 50, durationS: 5 });
    const baselineLoad = await load({
      ...reservationRequest(`${baseline.url}/reservation`, token),
      connections: 50,
      durationS,
    });
    await baseline.close();

    Object.assign(results, {
      b1: { connections50: b1, fixedRate200: b1Fixed },
      b2: {
        orders: b2.orders,
        ordersPerSecond: b2.ordersPerSecond,
        timeToKeysMs: b2.timeToKeysMs,
        answered200: b2.answered200,
        share200: Math.round((b2.answered200 / b2.orders) * 1000) / 1000,
        unexpected: b2.unexpected.length,
      },
      b3: { peakRssMb, processes: peakProcesses },
      b4: { ordersInDatabase: 100_000, listByStatus: b4List, searchByG2aOrderId: b4Search },
      baseline: {
        connections50: baselineLoad,
        b1Ratio: Math.round((baselineLoad.requestsPerSecond / Math.max(1, b1.requestsPerSecond)) * 100) / 100,
      },
    });
  } catch (error) {
    log(`The benchmark failed; the app's last output:\n${app.lastOutput()}`);
    throw error;
  } finally {
    rss.stop();
    await db.$disconnect();
    await app.stop();
    await sandbox.close();
  }
  // In this process, once the app is gone: nothing else runs on the machine meanwhile.
  if (only !== "B1-B4") results.b5 = await runB5();

  const r = results as {
    b1: { connections50: LoadResult; fixedRate200: LoadResult };
    b2: {
      ordersPerSecond: number;
      timeToKeysMs: { p50: number; p95: number } | null;
      share200: number;
      unexpected: number;
    };
    b3: { peakRssMb: number; processes: { name: string; rssMb: number }[] };
    b4: { listByStatus: { p50Ms: number; p95Ms: number }; searchByG2aOrderId: { p50Ms: number; p95Ms: number } };
    baseline: { connections50: LoadResult; b1Ratio: number };
    b5?: OfferSyncResult;
  };
  const rows: BenchRow[] = [
    [
      "B1 reservations, 50 connections",
      `${r.b1.connections50.requestsPerSecond}/s, p50 ${r.b1.connections50.p50Ms} ms, p99 ${r.b1.connections50.p99Ms} ms, ${r.b1.connections50.errors} errors`,
      `≥ ${TARGETS.b1ReservationsPerSecond}/s, 0 errors`,
      r.b1.connections50.requestsPerSecond >= TARGETS.b1ReservationsPerSecond && r.b1.connections50.errors === 0,
    ],
    [
      "B1 reservations, 200/s",
      `p50 ${r.b1.fixedRate200.p50Ms} ms, p99 ${r.b1.fixedRate200.p99Ms} ms, ${r.b1.fixedRate200.errors} errors`,
      `p99 ≤ ${TARGETS.b1P99AtFixedRateMs} ms`,
      r.b1.fixedRate200.p99Ms <= TARGETS.b1P99AtFixedRateMs && r.b1.fixedRate200.errors === 0,
    ],
    [
      "B2 full cycle, 500 orders",
      `${r.b2.ordersPerSecond} orders/s, keys p50 ${r.b2.timeToKeysMs?.p50} ms, p95 ${r.b2.timeToKeysMs?.p95} ms, ${Math.round(r.b2.share200 * 100)}% 200`,
      `≥ ${TARGETS.b2OrdersPerSecond}/s, p50 ≤ ${TARGETS.b2P50TimeToKeysMs} ms, p95 ≤ ${TARGETS.b2P95TimeToKeysMs} ms, 100% 200`,
      r.b2.ordersPerSecond >= TARGETS.b2OrdersPerSecond &&
        (r.b2.timeToKeysMs?.p50 ?? Infinity) <= TARGETS.b2P50TimeToKeysMs &&
        (r.b2.timeToKeysMs?.p95 ?? Infinity) <= TARGETS.b2P95TimeToKeysMs &&
        r.b2.share200 >= TARGETS.b2Share200 &&
        r.b2.unexpected === 0,
    ],
    [
      "B3 peak RSS, all of npm start",
      `${r.b3.peakRssMb} MB (${r.b3.processes.map((p) => `${p.name.split(" ")[0]} ${p.rssMb}`).join(", ")})`,
      `≤ ${TARGETS.b3PeakRssMb} MB`,
      r.b3.peakRssMb <= TARGETS.b3PeakRssMb,
    ],
    [
      "B4 orders list by status (100k)",
      `p50 ${r.b4.listByStatus.p50Ms} ms, p95 ${r.b4.listByStatus.p95Ms} ms`,
      `p95 ≤ ${TARGETS.b4P95Ms} ms`,
      r.b4.listByStatus.p95Ms <= TARGETS.b4P95Ms,
    ],
    [
      "B4 search by G2A order id (100k)",
      `p50 ${r.b4.searchByG2aOrderId.p50Ms} ms, p95 ${r.b4.searchByG2aOrderId.p95Ms} ms`,
      `p95 ≤ ${TARGETS.b4P95Ms} ms`,
      r.b4.searchByG2aOrderId.p95Ms <= TARGETS.b4P95Ms,
    ],
    [
      "Baseline node:http + SQLite",
      `${r.baseline.connections50.requestsPerSecond}/s, p99 ${r.baseline.connections50.p99Ms} ms; B1 is ${r.baseline.b1Ratio}× slower`,
      `≤ ${TARGETS.b1VsBaselineMaxRatio}×`,
      r.baseline.b1Ratio <= TARGETS.b1VsBaselineMaxRatio,
    ],
    ...(r.b5 ? offerSyncRows(r.b5) : []),
  ];
  printTable(rows);

  // Without B5, its part of the last full run's results is kept.
  const previous = r.b5 ? {} : readResults();
  const report = {
    at: new Date().toISOString(),
    machine: machine(),
    durationS,
    targets: { ...TARGETS, ...OFFER_SYNC_TARGETS },
    results: { ...previous.results, ...results },
    met: { ...previous.met, ...metByRow(rows) },
  };
  fs.writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log("\nWritten to bench/results.json");
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
