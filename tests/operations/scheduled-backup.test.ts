import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupName, listBackups } from "@/lib/backup/files";
import { runScheduledBackup } from "@/lib/backup/schedule";
import { checkStoredKeysAtStart } from "@/lib/backup/start-checks";
import { backupStatus } from "@/lib/backup/status";
import { ConfigError } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { createTestDb, type TestDb } from "../support/test-db";

const log = createLogger({ level: "silent" });
const HOUR = 3_600_000;
let testDb: TestDb;
let folder: string;

beforeEach(() => {
  testDb = createTestDb();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "backups-"));
});
afterEach(async () => {
  await testDb.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const config = (overrides: Partial<Parameters<typeof runScheduledBackup>[1]> = {}) => ({
  databaseFile: testDb.file,
  backupDir: path.join(folder, "backups"),
  intervalHours: 6,
  keep: 3,
  ...overrides,
});

async function storeOneKey(): Promise<void> {
  const reservation = await testDb.db.reservation.create({
    data: { id: randomUUID(), status: "CONSUMED", expiresAt: new Date() },
  });
  const order = await testDb.db.order.create({
    data: {
      id: randomUUID(),
      g2aOrderId: "80200000000001",
      reservationId: reservation.id,
      items: {
        create: [
          { position: 0, g2aProductId: "1", cwsProductId: "p", quantity: 1, quotedCostCents: 1n, minMarginCents: 0n },
        ],
      },
    },
    include: { items: true },
  });
  await testDb.db.key.create({
    data: {
      id: randomUUID(),
      orderId: order.id,
      orderItemId: order.items[0]!.id,
      cwsCodeId: randomUUID(),
      kind: "TEXT",
      sealed: new Uint8Array(randomBytes(40)),
      storedAt: new Date(),
    },
  });
}

const openAlerts = () => testDb.db.alert.findMany({ where: { type: "backup-overdue", state: "OPEN" } });

describe("the scheduled backup", () => {
  it("backs up when none exists or the newest is an interval old, and keeps the newest BACKUP_KEEP", async () => {
    const start = new Date("2026-12-04T00:41:00.000Z");
    const at = (hours: number) => () => new Date(start.getTime() + hours * HOUR);
    await storeOneKey();

    expect(await runScheduledBackup(testDb.db, config(), log, at(0))).toEqual({ backedUp: true, overdue: false });
    expect(await runScheduledBackup(testDb.db, config(), log, at(1))).toEqual({ backedUp: false, overdue: false });
    expect(await runScheduledBackup(testDb.db, config(), log, at(5))).toEqual({ backedUp: false, overdue: false });
    for (const hours of [6, 12, 18])
      expect(await runScheduledBackup(testDb.db, config(), log, at(hours))).toEqual({ backedUp: true, overdue: false });

    const kept = listBackups(config().backupDir);
    expect(kept.map((backup) => path.basename(backup.file))).toEqual(
      [18, 12, 6].map((hours) => backupName(at(hours)())),
    );
    const status = backupStatus(config().backupDir, 6, at(19)());
    expect(status).toMatchObject({
      lastSuccess: { at: at(18)().toISOString(), ageHours: 1 },
      lastAttempt: { ok: true, trigger: "schedule", error: null },
      overdue: false,
    });
    expect(await openAlerts()).toHaveLength(0);
  });

  it("raises one alert once no backup has succeeded for twice the interval, and resolves it with the next success", async () => {
    const start = new Date("2026-12-04T00:41:00.000Z");
    const at = (hours: number) => () => new Date(start.getTime() + hours * HOUR);
    expect(await runScheduledBackup(testDb.db, config(), log, at(0))).toMatchObject({ backedUp: true });

    const broken = config({ databaseFile: path.join(folder, "missing.db") });
    expect(await runScheduledBackup(testDb.db, broken, log, at(6))).toMatchObject({
      backedUp: false,
      overdue: false,
      error: expect.stringContaining("there is no database"),
    });
    expect(await openAlerts()).toHaveLength(0);
    for (const hours of [13, 14])
      expect(await runScheduledBackup(testDb.db, broken, log, at(hours))).toMatchObject({ overdue: true });
    const [alert] = await openAlerts();
    expect(alert).toMatchObject({ severity: "WARNING", count: 2 });
    expect(alert!.message).toMatch(
      /^No backup has succeeded for 14 hours \(one is made every 6 hours\)\. The last attempt failed: there is no database at .*missing\.db\. Check the disk and BACKUP_DIR, then run npm run db:backup on the server\.$/,
    );

    expect(await runScheduledBackup(testDb.db, config(), log, at(15))).toEqual({ backedUp: true, overdue: false });
    expect(await openAlerts()).toHaveLength(0);
    expect(await testDb.db.alert.count({ where: { type: "backup-overdue", state: "RESOLVED" } })).toBe(1);
  });

  it("does nothing with BACKUP_INTERVAL_HOURS=0", async () => {
    expect(await runScheduledBackup(testDb.db, config({ intervalHours: 0 }), log)).toEqual({
      backedUp: false,
      overdue: false,
    });
    expect(listBackups(config().backupDir)).toEqual([]);
  });
});

describe("npm start's check of the stored keys", () => {
  const secrets = () => path.join(folder, "secrets");
  const env = (generated: boolean) => ({
    dataDir: folder,
    backupDir: path.join(folder, "backups"),
    generatedSecrets: generated ? (["KEY_ENCRYPTION_KEY"] as const).slice() : [],
  });

  it("says nothing while the database holds no keys", async () => {
    expect(await checkStoredKeysAtStart(testDb.db, env(true))).toBeNull();
  });

  it("refuses to start with a newly generated key encryption key over stored keys, and removes that key", async () => {
    await storeOneKey();
    fs.mkdirSync(secrets(), { recursive: true });
    fs.writeFileSync(path.join(secrets(), "KEY_ENCRYPTION_KEY"), "generated\n");
    const refusal = checkStoredKeysAtStart(testDb.db, env(true));
    await expect(refusal).rejects.toBeInstanceOf(ConfigError);
    await expect(refusal).rejects.toThrow(/holds 1 purchased keys, but this data folder has no key encryption key/);
    expect(fs.existsSync(path.join(secrets(), "KEY_ENCRYPTION_KEY"))).toBe(false);
  });

  it("warns while stored keys have no backup, and stops once one exists", async () => {
    await storeOneKey();
    expect(await checkStoredKeysAtStart(testDb.db, env(false))).toMatch(
      /^Warning: the database holds 1 purchased keys and no backup has been made yet\. Run npm run db:backup/,
    );
    await runScheduledBackup(testDb.db, config({ backupDir: path.join(folder, "backups") }), log);
    expect(await checkStoredKeysAtStart(testDb.db, env(false))).toBeNull();
  });
});
