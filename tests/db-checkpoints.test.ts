import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSync, startBackgroundCheckpoints } from "@/lib/db";
import { createLogger } from "@/lib/logger";
import { createTestDb, type TestDb } from "./support/test-db";

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

const autocheckpoint = () => readSync(t.db, (sqlite) => Number(sqlite.pragma("wal_autocheckpoint", { simple: true })));

describe("background WAL checkpoints", () => {
  it("copy the app's commits into the database from a worker while the app's connection no longer checkpoints, and hand checkpoints back on stop", async () => {
    await t.db.setting.create({ data: { key: "warm", value: "1" } });
    const handle = await startBackgroundCheckpoints(t.db, t.file, createLogger({ level: "silent" }), 50);
    expect(await autocheckpoint()).toBe(0);

    const before = fs.statSync(t.file).size;
    for (let index = 0; index < 200; index++)
      await t.db.setting.create({ data: { key: `k${index}`, value: "x".repeat(500) } });
    // The rows sit in the WAL until a checkpoint copies them into the database file itself.
    let after = before;
    for (let attempt = 0; attempt < 40 && after <= before; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = fs.statSync(t.file).size;
    }
    expect(after).toBeGreaterThan(before + 100_000);

    await handle.stop();
    expect(await autocheckpoint()).toBe(1000);
  });
});
