import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { createDb, type Db } from "@/lib/db";

export type TestDb = { db: Db; file: string; close: () => Promise<void> };

/** A fresh, fully migrated SQLite file for one test: a real database, not a mock. */
export function createTestDb(): TestDb {
  const template = inject("templateDatabaseFile");
  const file = path.join(path.dirname(template), `${randomUUID()}.db`);
  fs.copyFileSync(template, file);
  const db = createDb(file);
  return {
    db,
    file,
    close: async () => {
      await db.$disconnect();
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    },
  };
}
