import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { createKeyVault, type KeyVault } from "@/lib/crypto";
import { createDb, type Db } from "@/lib/db";
import { freePort } from "@/tools/net/free-port";
import { nextServerArgs, SERVER_ENVIRONMENT } from "@/tools/server/next-command";
import { DEMO_MAPPINGS, type DemoIdentifier } from "@/lib/demo/catalogue";
import { g2aPriceSchema } from "@/lib/g2a/money";

export type App = {
  url: string;
  /** The app's data folder and key, for a test that acts in it the way a CLI would. */
  dataDir: string;
  keyEncryptionKey: string;
  g2aUrl: string;
  /** The app's own SQLite file, opened by the test for set-up and inspection. */
  db: Db;
  /** The vault with the app's KEY_ENCRYPTION_KEY. */
  vault: KeyVault;
  credentials: { clientId: string; clientSecret: string };
  /** Every line the server wrote so far. */
  output(): string;
  /** The server process's id (for memory readings). */
  pid(): number;
  /** Kills the server process at once (SIGKILL), as a crash would. */
  crash(): Promise<void>;
  /** Starts the server again on the same data folder and port. */
  restart(): Promise<void>;
  close(): Promise<void>;
};

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the app did not become healthy:\n${output()}`);
}

/**
 * The production build served by `next start` on a free port of 127.0.0.1, on a migrated SQLite
 * file of its own, talking to the given CWS sandbox: G2A's real HTTP peer.
 */
export async function startApp(options: {
  cwsUrl: string;
  env?: Record<string, string>;
  /**
   * "embedded" (the default): the product as shipped, its engine buying keys from the sandbox.
   * "inngest-unreachable": purchases start in the workflow (ORDER_PURCHASE_STARTS_IN=workflow) and
   * the workflow is an Inngest server that does not answer, so orders are stored and stay PENDING;
   * contract tests put them in the state they need by hand.
   */
  workflow?: "embedded" | "inngest-unreachable";
  /** A data folder that already holds the app's database (a restored one), and its key encryption key. */
  existing?: { dataDir: string; keyEncryptionKey: string };
}): Promise<App> {
  const dataDir = options.existing?.dataDir ?? path.resolve(".test-data", `app-${randomUUID()}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseFile = path.join(dataDir, "app.db");
  if (!options.existing) fs.copyFileSync(inject("templateDatabaseFile"), databaseFile);
  const port = await freePort();
  const keyEncryptionKey = options.existing?.keyEncryptionKey ?? randomBytes(32).toString("base64");
  const credentials = {
    clientId: `test${randomBytes(8).toString("hex")}`,
    clientSecret: randomBytes(24).toString("base64url"),
  };

  const db = createDb(databaseFile);
  const { upsertConfiguredG2aCredentials } = await import("@/lib/g2a/credentials");
  await upsertConfiguredG2aCredentials(db, credentials.clientId, credentials.clientSecret);

  let output = "";
  const url = `http://127.0.0.1:${port}`;
  const spawnServer = async (): Promise<ChildProcess> => {
    // Served as `npm start` serves it, heap limits included.
    const child = spawn(process.execPath, nextServerArgs(process.cwd(), { port, maxHeapMb: 256, host: "127.0.0.1" }), {
      env: {
        ...process.env,
        ...SERVER_ENVIRONMENT,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATA_DIR: dataDir,
        DATABASE_URL: `file:${databaseFile}`,
        KEY_ENCRYPTION_KEY: keyEncryptionKey,
        CWS_BASE_URL: options.cwsUrl,
        LOG_LEVEL: "info",
        NEXTAUTH_URL: url,
        ...(options.workflow === "inngest-unreachable"
          ? {
              ORDER_PURCHASE_STARTS_IN: "workflow",
              INNGEST_BASE_URL: "http://127.0.0.1:9",
              INNGEST_EVENT_KEY: "unreachable",
              INNGEST_SIGNING_KEY: `signkey-test-${randomBytes(16).toString("hex")}`,
            }
          : {}),
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitForHealth(url, child, () => output);
    return child;
  };
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  };
  let child = await spawnServer();

  return {
    url,
    dataDir,
    keyEncryptionKey,
    g2aUrl: `${url}/api/g2a`,
    db,
    vault: createKeyVault(keyEncryptionKey),
    credentials,
    output: () => output,
    pid: () => child.pid ?? 0,
    crash: () => stop("SIGKILL"),
    restart: async () => {
      await stop("SIGTERM");
      child = await spawnServer();
    },
    close: async () => {
      await stop("SIGTERM");
      await db.$disconnect();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Maps demo products (ARCHITECTURE §7) in the app's database. */
export async function mapDemoProducts(
  db: Db,
  identifiers: readonly DemoIdentifier[],
  overrides: { minMarginCents?: bigint; maxUnitCostCents?: bigint; allowPreOrder?: boolean } = {},
): Promise<Record<DemoIdentifier, string>> {
  const ids = {} as Record<DemoIdentifier, string>;
  for (const mapping of DEMO_MAPPINGS.filter((candidate) => identifiers.includes(candidate.identifier))) {
    const data = {
      cwsProductId: mapping.cwsProductId,
      enabled: true,
      allowPreOrder: overrides.allowPreOrder ?? mapping.allowPreOrder,
      minMarginCents: overrides.minMarginCents ?? null,
      maxUnitCostCents:
        overrides.maxUnitCostCents ?? (mapping.maxUnitCost === null ? null : g2aPriceSchema.parse(mapping.maxUnitCost)),
    };
    await db.productMapping.upsert({
      where: { g2aProductId: mapping.g2aProductId },
      create: { g2aProductId: mapping.g2aProductId, ...data },
      update: data,
    });
    ids[mapping.identifier] = mapping.g2aProductId;
  }
  return ids;
}

/** The app and the CWS sandbox it buys from, with G2A's caller: what a contract test file starts once. */
export async function startAppWithSandbox(options: Omit<Parameters<typeof startApp>[0], "cwsUrl"> = {}) {
  const { startSandbox } = await import("./cws-sandbox");
  const { G2aCaller } = await import("./g2a-caller");
  const sandbox = await startSandbox();
  const app = await startApp({ ...options, cwsUrl: sandbox.url });
  return { sandbox, app, g2a: new G2aCaller(app) };
}

/** Stops what startAppWithSandbox started (either may be missing when its start failed). */
export async function stopAppWithSandbox(started: { app?: App; sandbox?: { close(): Promise<void> } }): Promise<void> {
  await started.app?.close();
  await started.sandbox?.close();
}

/**
 * The app with a CWS sandbox to buy from and a G2A sandbox as its Import API connection (the
 * sandbox's default client, set in the environment): what a test of the offers admin starts once.
 */
export async function startAppWithSandboxes(options: Omit<Parameters<typeof startApp>[0], "cwsUrl"> = {}) {
  const { startSandbox: startCwsSandbox } = await import("./cws-sandbox");
  const { startSandbox: startG2aSandbox } = await import("../g2a-api/support");
  const { DEFAULT_G2A_SANDBOX_CLIENT } = await import("@/tools/g2a-sandbox/server");
  const [cws, g2a] = await Promise.all([startCwsSandbox(), startG2aSandbox()]);
  try {
    const app = await startApp({
      ...options,
      cwsUrl: cws.url,
      env: {
        G2A_API_BASE_URL: g2a.url,
        G2A_API_CLIENT_ID: DEFAULT_G2A_SANDBOX_CLIENT.clientId,
        G2A_API_CLIENT_SECRET: DEFAULT_G2A_SANDBOX_CLIENT.clientSecret,
        ...options.env,
      },
    });
    return { cws, g2a, app };
  } catch (error) {
    await Promise.all([cws.close(), g2a.close()]);
    throw error;
  }
}

/** Stops what startAppWithSandboxes started (all missing when its start failed). */
export async function stopAppWithSandboxes(started: {
  app?: App;
  cws?: { close(): Promise<void> };
  g2a?: { close(): Promise<void> };
}): Promise<void> {
  await started.app?.close();
  await Promise.all([started.cws?.close(), started.g2a?.close()]);
}
