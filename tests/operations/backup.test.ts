import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyContext } from "@/lib/fulfillment/inventory";
import { mapDemoProducts, startApp, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import { G2aCaller } from "../support/g2a-caller";
import { buy, keysOf, type StockEntry } from "../fulfillment/support-http";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;
const SKYOUT = 10000000000021;
const folders: string[] = [];

beforeAll(async () => {
  ({ sandbox, app, g2a } = await startAppWithSandbox());
  await mapDemoProducts(app.db, ["SKYOUT"]);
});
afterAll(async () => {
  await stopAppWithSandbox({ app, sandbox });
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** `npm run <script> -- <args>` as an operator runs it, with the data folder's variables. */
function npmRun(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

function freshFolder(): string {
  const folder = path.resolve(".test-data", `restore-${randomUUID()}`);
  fs.mkdirSync(folder, { recursive: true });
  folders.push(folder);
  return folder;
}

const dataEnv = (dataDir: string) => ({ DATA_DIR: dataDir, DATABASE_URL: `file:${path.join(dataDir, "app.db")}` });

/** The codes CWS sold for our order, by its clientOrderId. */
async function codesSoldFor(orderId: string): Promise<string[]> {
  const state = (await sandbox.state()) as unknown as {
    orders: Array<{ clientOrderId: string; lines: Array<{ codes: Array<{ code: string | null }> }> }>;
  };
  return state.orders
    .filter((order) => order.clientOrderId === orderId)
    .flatMap((order) => order.lines.flatMap((line) => line.codes.map((code) => code.code ?? "")));
}

describe("backup and restore", () => {
  it("backs up a running app under G2A traffic; restored into a fresh folder, the app serves every order's keys", async () => {
    const completed: string[] = [];
    let selling = true;
    const sellers = Array.from({ length: 3 }, async () => {
      while (selling) {
        const { answer, orderId } = await buy(g2a, SKYOUT, 1);
        if (answer.status === 200) completed.push(orderId);
      }
    });
    while (completed.length < 15) await new Promise((resolve) => setTimeout(resolve, 50));
    const soldBeforeBackup = [...completed];
    const backup = await npmRun("db:backup", [], dataEnv(app.dataDir));
    const soldDuringBackup = completed.length - soldBeforeBackup.length;
    selling = false;
    await Promise.all(sellers);

    expect(backup.output).toMatch(/Backed up .* in [\d.]+ s: .* orders, .* keys; the copy passed SQLite's check\./);
    expect(backup.code).toBe(0);
    expect(soldDuringBackup).toBeGreaterThan(0); // the backup ran while G2A was buying
    const backupsDir = path.join(app.dataDir, "backups");
    const [file] = fs.readdirSync(backupsDir).filter((name) => /^app-.*Z\.db$/.test(name));
    expect(file).toBeDefined();

    const restoredDir = freshFolder();
    const restore = await npmRun("db:restore", [path.join(backupsDir, file!)], {
      ...dataEnv(restoredDir),
      KEY_ENCRYPTION_KEY: app.keyEncryptionKey,
    });
    expect(restore.output).toContain("The key encryption key of this data folder opens the backup's keys.");
    expect(restore.code).toBe(0);

    const restored = await startApp({
      cwsUrl: sandbox.url,
      existing: { dataDir: restoredDir, keyEncryptionKey: app.keyEncryptionKey },
    });
    try {
      const orders = await restored.db.order.findMany({ include: { keys: true } });
      const restoredIds = new Set(orders.map((order) => order.id));
      for (const orderId of soldBeforeBackup) expect(restoredIds.has(orderId)).toBe(true);
      // Every key in the backup decrypts with the key encryption key, and the app hands each order's
      // keys to G2A exactly as CWS sold them.
      for (const key of orders.flatMap((order) => order.keys))
        expect(restored.vault.open(key.sealed, keyContext(key.id)).length).toBeGreaterThan(0);
      const caller = new G2aCaller(restored);
      for (const order of orders.filter((candidate) => candidate.status === "COMPLETED")) {
        const served = keysOf((await caller.inventory(order.id)).body as StockEntry[]).map((key) => key.value);
        expect(served.sort()).toEqual((await codesSoldFor(order.id)).sort());
      }
      expect(orders.filter((order) => order.status === "COMPLETED").length).toBeGreaterThanOrEqual(
        soldBeforeBackup.length,
      );
    } finally {
      await restored.close();
    }
  }, 120_000);

  it("refuses to restore a damaged file, over a running app, or over a newer database without --force", async () => {
    const backupsDir = path.join(app.dataDir, "backups");
    const made = await npmRun("db:backup", [], dataEnv(app.dataDir));
    expect(made.code).toBe(0);
    const newest = fs
      .readdirSync(backupsDir)
      .filter((name) => /^app-.*Z\.db$/.test(name))
      .sort()
      .at(-1)!;
    const backupFile = path.join(backupsDir, newest);

    const damaged = path.join(freshFolder(), "damaged.db");
    fs.writeFileSync(damaged, Buffer.concat([fs.readFileSync(backupFile).subarray(0, 4096), Buffer.alloc(4096, 7)]));
    const refusedDamaged = await npmRun("db:restore", [damaged], dataEnv(freshFolder()));
    expect(refusedDamaged.code).toBe(1);
    expect(refusedDamaged.output).toMatch(/^Restore refused: .*damaged\.db (is damaged|cannot be read)/m);

    // The app itself is running on its folder (its pid file is written by npm start).
    fs.writeFileSync(path.join(app.dataDir, "server.pid"), String(app.pid()));
    const refusedRunning = await npmRun("db:restore", [backupFile], dataEnv(app.dataDir));
    fs.rmSync(path.join(app.dataDir, "server.pid"));
    expect(refusedRunning.code).toBe(1);
    expect(refusedRunning.output).toContain(`Restore refused: the app is running (server process ${app.pid()})`);

    // A stopped folder whose database changed after the backup: refused, then restored with --force.
    const target = freshFolder();
    fs.copyFileSync(path.join(app.dataDir, "app.db"), path.join(target, "app.db"));
    if (fs.existsSync(path.join(app.dataDir, "app.db-wal")))
      fs.copyFileSync(path.join(app.dataDir, "app.db-wal"), path.join(target, "app.db-wal"));
    const before = fs.readFileSync(path.join(target, "app.db"));
    const refusedNewer = await npmRun("db:restore", [backupFile], dataEnv(target));
    expect(refusedNewer.code).toBe(1);
    expect(refusedNewer.output).toMatch(/after this backup was taken .*Add --force/);
    expect(fs.readFileSync(path.join(target, "app.db")).equals(before)).toBe(true);
    expect(fs.readdirSync(target).some((name) => name.includes("replaced"))).toBe(false);

    const forced = await npmRun("db:restore", [backupFile, "--force"], dataEnv(target));
    expect(forced.code).toBe(0);
    expect(forced.output).toMatch(/The database it replaced is kept as .*app\.db\.replaced-/);
    expect(forced.output).toContain("WARNING: this data folder has no key encryption key");
    expect(fs.readdirSync(target).some((name) => /^app\.db\.replaced-.*[^lm]$/.test(name))).toBe(true);
  }, 120_000);
});
