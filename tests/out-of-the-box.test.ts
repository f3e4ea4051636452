import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_MAPPINGS, describeOutcome } from "@/lib/demo/catalogue";
import { freePort } from "@/tools/net/free-port";
import { G2aCaller } from "./support/g2a-caller";

// The product as a newcomer runs it: `npm start` on an empty data folder (local CWS sandbox, demo
// mappings), then the G2A simulator for 20 orders across the demo catalogue.

const dataDir = path.resolve(".test-data", `out-of-the-box-${process.pid}`);
const credentials = {
  clientId: "ootb00000000000000000000000000aa",
  clientSecret: "out-of-the-box-secret-out-of-the-box-secret-0000",
};
let ports: { app: number; cws: number; g2a: number } = { app: 0, cws: 0, g2a: 0 };
let started: { child: ChildProcess; output: () => string } | null = null;

const tsx = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawn(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });

async function npmStart(): Promise<{ child: ChildProcess; output: () => string }> {
  if (ports.app === 0) ports = { app: await freePort(), cws: await freePort(), g2a: await freePort() };
  const child = spawn("npm", ["start", "--silent"], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(ports.app),
      CWS_SANDBOX_PORT: String(ports.cws),
      G2A_SANDBOX_PORT: String(ports.g2a),
      G2A_CLIENT_ID: credentials.clientId,
      G2A_CLIENT_SECRET: credentials.clientSecret,
      ADMIN_EMAIL: "admin@example.com",
      ADMIN_PASSWORD: "correct-horse-battery",
      ORDER_SYNC_WAIT_MS: "2500",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 240_000;
  while (!output.includes("Press Ctrl-C to stop.")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, output: () => output };
}

/** Ctrl-C: the start stops the app and the sandbox, and exits 0. */
async function pressCtrlC(run: { child: ChildProcess }): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => run.child.once("exit", (code) => resolve(code)));
  run.child.kill("SIGINT");
  return exited;
}

async function listening(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
}

type SimulatorJson = {
  orders: number;
  answered200: number;
  answered202: number;
  unexpected: Array<{ product: string; problem: string }>;
  results: Array<{
    product: string;
    outcome: string;
    orderStatus: number | null;
    keys: number;
    unexpected: string | null;
  }>;
};

async function simulate(orders: number): Promise<{ code: number | null; report: SimulatorJson; stderr: string }> {
  const child = tsx("tools/g2a-simulator/cli.ts", [
    "--base",
    `http://localhost:${ports.app}/api/g2a`,
    "--client-id",
    credentials.clientId,
    "--client-secret",
    credentials.clientSecret,
    "--orders",
    String(orders),
    "--concurrency",
    "5",
    "--wait-keys-ms",
    "15000",
    "--json",
  ]);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, report: JSON.parse(stdout) as SimulatorJson, stderr };
}

const modeOf = (file: string) => (fs.statSync(path.join(dataDir, file)).mode & 0o777).toString(8);

/** The data folder is 0700, and the database, its WAL, the secrets, the sandbox's state and the pid file 0600. */
function expectPrivateDataFolder(): void {
  expect(modeOf("."), "the data folder").toBe("700");
  expect(modeOf("secrets"), "secrets").toBe("700");
  const files = [
    "app.db",
    "app.db-wal",
    "app.db-shm",
    "server.pid",
    "secrets/KEY_ENCRYPTION_KEY",
    "secrets/NEXTAUTH_SECRET",
  ];
  for (const sandbox of ["cws-sandbox.json", "g2a-sandbox.json"]) {
    if (fs.existsSync(path.join(dataDir, sandbox))) files.push(sandbox);
  }
  for (const file of files) expect(modeOf(file), file).toBe("600");
}

afterAll(async () => {
  if (started && started.child.exitCode === null) await pressCtrlC(started);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("out of the box", () => {
  it("npm start runs the product with its CWS sandbox, and the simulator's 20 orders end as the demo catalogue says", async () => {
    started = await npmStart();
    expect(started.output()).toContain(`Local CWS sandbox: http://127.0.0.1:${ports.cws}`);
    expect(started.output()).toContain(`Local G2A sandbox: http://127.0.0.1:${ports.g2a}`);
    expectPrivateDataFolder();
    // The G2A seller API's sandbox knows a G2A product for every demo mapping.
    const g2aState = (await (await fetch(`http://127.0.0.1:${ports.g2a}/__sim/state`)).json()) as {
      products: Array<{ id: string }>;
    };
    const g2aProducts = g2aState.products.map((product) => product.id);
    for (const mapping of DEMO_MAPPINGS) expect(g2aProducts, mapping.identifier).toContain(mapping.g2aProductId);
    expect(started.output()).toContain(`Seeded ${DEMO_MAPPINGS.length} demo product mappings`);
    expect(started.output()).toContain(`G2A base URL:  http://localhost:${ports.app}/api/g2a`);
    expect(started.output()).toContain("Admin e-mail:  admin@example.com");

    const { code, report } = await simulate(20);
    expect(report.unexpected).toEqual([]);
    expect(code).toBe(0);
    expect(report.orders).toBe(20);
    for (const mapping of DEMO_MAPPINGS) {
      const results = report.results.filter(
        (result) => result.product === `${mapping.g2aProductId} ${mapping.identifier}`,
      );
      expect(results, mapping.identifier).toHaveLength(2);
      for (const result of results) {
        const { outcome } = mapping;
        if (outcome.kind === "keys") expect(result, mapping.identifier).toMatchObject({ outcome: "keys", keys: 1 });
        else expect(result, mapping.identifier).toMatchObject({ outcome: outcome.kind, keys: 0 });
        if (outcome.kind === "out-of-stock") expect(result.orderStatus).toBeNull();
        if (outcome.kind === "pending") expect(result.orderStatus).toBe(202);
      }
    }
    // Instant products answer 200 with their keys; the delayed one 202, then keys.
    expect(report.answered200).toBeGreaterThanOrEqual(8);
    expect(
      report.results
        .filter((result) => result.product.endsWith("NEONDO"))
        .every((result) => result.orderStatus === 202),
    ).toBe(true);

    expect(await pressCtrlC(started)).toBe(0);
    expect(await listening(ports.app)).toBe(false);
    expect(await listening(ports.cws)).toBe(false);
    expect(await listening(ports.g2a)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "cws-sandbox.json"))).toBe(true);
    expect(modeOf("cws-sandbox.json")).toBe("600");
  }, 360_000);

  it("a second npm start reuses the data folder: no new secrets, no new demo seed, no rebuild", async () => {
    // Files an earlier version left readable to everyone are made private again at start.
    fs.chmodSync(dataDir, 0o755);
    for (const file of ["app.db", "cws-sandbox.json"]) fs.chmodSync(path.join(dataDir, file), 0o644);
    started = await npmStart();
    expectPrivateDataFolder();
    const output = started.output();
    expect(output).not.toContain("Generated ");
    expect(output).not.toContain("Seeded ");
    expect(output).not.toContain("Building the production bundle");
    const health = (await (await fetch(`http://localhost:${ports.app}/api/health`)).json()) as { status: string };
    expect(health.status).toBe("ok");
    expect(await pressCtrlC(started)).toBe(0);
  }, 300_000);

  it("restarts the server when its process dies, and the workflow it was running finishes", async () => {
    started = await npmStart();
    const g2a = new G2aCaller({ g2aUrl: `http://localhost:${ports.app}/api/g2a`, credentials });
    // NEONDO's keys come 8 s after purchase: the order is in its workflow when the server dies.
    const reservation = await g2a.reserve([{ product_id: 10000000000022, quantity: 1 }]);
    expect(reservation.status).toBe(200);
    const order = await g2a.order(
      (reservation.body as { reservation_id: string }).reservation_id,
      81_000_000_000_001 + Math.floor(Math.random() * 1e6),
    );
    expect(order.status).toBe(202);
    const orderId = (order.body as { order_id: string }).order_id;

    const pid = Number(fs.readFileSync(path.join(dataDir, "server.pid"), "utf8"));
    process.kill(pid, "SIGKILL");
    const killedAt = Date.now();
    let answered = false;
    while (!answered && Date.now() - killedAt < 15_000) {
      answered = await g2a.raw("GET", "/healthcheck").then(
        (answer) => answer.status === 204,
        () => false,
      );
      if (!answered) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answered, started.output().slice(-3000)).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(started.output()).toMatch(/The server stopped unexpectedly \(killed by SIGKILL\); restarting it in 1 s\./);
    expect(Number(fs.readFileSync(path.join(dataDir, "server.pid"), "utf8"))).not.toBe(pid);

    const deadline = Date.now() + 60_000;
    let keys = 0;
    while (keys === 0 && Date.now() < deadline) {
      const inventory = await g2a.inventory(orderId);
      keys = ((inventory.body as Array<{ inventory: unknown[] }> | undefined) ?? []).flatMap(
        (entry) => entry.inventory,
      ).length;
      if (keys === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(keys).toBe(1);
    expect(await pressCtrlC(started)).toBe(0);
  }, 180_000);

  it("the README's demo table says what the test expects of each demo product", () => {
    const readme = fs.readFileSync("README.md", "utf8");
    for (const mapping of DEMO_MAPPINGS) {
      expect(readme).toContain(
        `| ${mapping.g2aProductId} | ${mapping.identifier} | ${mapping.shows} | ${describeOutcome(mapping.outcome)} |`,
      );
    }
  });
});
