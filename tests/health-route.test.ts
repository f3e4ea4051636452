import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTestDb } from "./support/test-db";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
  delete (globalThis as { __appDb?: unknown }).__appDb;
});

async function callHealthRoute() {
  const { GET } = await import("@/app/api/health/route");
  const response = await GET();
  return { status: response.status, body: await response.json(), cacheControl: response.headers.get("cache-control") };
}

describe("GET /api/health", () => {
  it("answers 200 with status ok and db ok when the database answers", async () => {
    const testDb = createTestDb();
    await testDb.db.$disconnect();
    process.env.DATA_DIR = path.dirname(testDb.file);
    process.env.DATABASE_URL = `file:${testDb.file}`;
    process.env.BACKUP_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "health-backups-"));
    const { status, body, cacheControl } = await callHealthRoute();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", db: "ok" });
    expect(cacheControl).toBe("no-store, no-transform");
    // No backup yet: overdue, with nothing about the folder's files.
    expect(body.backup).toEqual({
      lastSuccessAt: null,
      ageHours: null,
      lastAttemptOk: null,
      intervalHours: 6,
      overdue: true,
    });
    fs.rmSync(process.env.BACKUP_DIR, { recursive: true, force: true });
    await testDb.close();
  });

  it("reports the last backup's time and age", async () => {
    const testDb = createTestDb();
    await testDb.db.$disconnect();
    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), "health-backups-"));
    Object.assign(process.env, {
      DATA_DIR: path.dirname(testDb.file),
      DATABASE_URL: `file:${testDb.file}`,
      BACKUP_DIR: backupDir,
    });
    const { createBackup } = await import("@/lib/backup/backup");
    const made = await createBackup({ databaseFile: testDb.file, backupDir, keep: 2, trigger: "command" });
    const { body } = await callHealthRoute();
    expect(body.backup).toMatchObject({
      lastSuccessAt: made.takenAt.toISOString(),
      lastAttemptOk: true,
      overdue: false,
    });
    expect(body.backup.ageHours).toBeLessThan(0.1);
    fs.rmSync(backupDir, { recursive: true, force: true });
    await testDb.close();
  });

  it("answers 503 with db down when the database cannot be opened", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "health-"));
    process.env.DATA_DIR = dataDir;
    process.env.DATABASE_URL = `file:${dataDir}`; // a directory, not a database
    const { status, body } = await callHealthRoute();
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "error", db: "down" });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
