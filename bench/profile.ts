import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { upsertConfiguredG2aCredentials } from "@/lib/g2a/credentials";
import { ensureBuild } from "@/tools/build/ensure-build";
import { freePort } from "@/tools/net/free-port";
import { nextServerArgs, SERVER_ENVIRONMENT } from "@/tools/server/next-command";
import { fullCycles, G2A, PRODUCT, startBenchCws } from "./full-cycle";
import { breakdown, printBreakdown } from "./profile-breakdown";

// `npm run bench:profile`: B2's load (500 orders at concurrency 10 on an instant product, local CWS
// sandbox at zero latency) against the server started with V8's CPU profiler, then where the
// server's time went, by part of the stack. The profile is kept in bench/.profile for DevTools.

const root = process.cwd();
const dataDir = path.join(root, "bench", ".profile-data");
const profileDir = path.join(root, "bench", ".profile");
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const orders = Number(process.env.PROFILE_ORDERS ?? 500);
  await ensureBuild(root, { log });
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(profileDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseFile = path.join(dataDir, "app.db");
  const env = { DATA_DIR: dataDir, DATABASE_URL: `file:${databaseFile}` };
  await applyMigrations({ env });
  const db = createDb(databaseFile);
  await upsertConfiguredG2aCredentials(db, G2A.clientId, G2A.clientSecret);
  await db.productMapping.create({
    data: { g2aProductId: PRODUCT.g2aProductId, cwsProductId: PRODUCT.cwsProductId, minMarginCents: 0n },
  });
  await db.$disconnect();

  const sandbox = await startBenchCws(root);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const command = nextServerArgs(root, { port, maxHeapMb: 256, host: "127.0.0.1" });
  const child = spawn(process.execPath, [`--cpu-prof`, `--cpu-prof-dir=${profileDir}`, ...command], {
    env: {
      ...process.env,
      ...env,
      ...SERVER_ENVIRONMENT,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      CWS_BASE_URL: sandbox.url,
      G2A_API_BASE_URL: "http://127.0.0.1:9",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${base}/api/health`).then(
      (answer) => answer.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the server did not start");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log("Warming up with 200 orders…");
  await fullCycles(base, 200);
  log(`Profiling ${orders} orders at concurrency 10…`);
  const summary = await fullCycles(base, orders);
  log(
    `${summary.ordersPerSecond} orders/s, keys p50 ${summary.timeToKeysMs?.p50} ms, p95 ${summary.timeToKeysMs?.p95} ms, ${summary.answered200}/${summary.orders} answered 200`,
  );
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
  await sandbox.close();
  const file = fs.readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error("the server wrote no profile");
  printBreakdown(breakdown(JSON.parse(fs.readFileSync(path.join(profileDir, file), "utf8"))), orders + 200);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
