import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { SerializedSqliteAdapterFactory } from "./serialized-sqlite-adapter";

export type Db = PrismaClient;

/** Opens a Prisma client on a SQLite file (its folder is created if needed). */
export function createDb(databaseFile: string): Db {
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  return new PrismaClient({
    adapter: new SerializedSqliteAdapterFactory(databaseFile),
    // Transactions queue for the one connection; under a burst the queue, not the work, is the wait.
    transactionOptions: { maxWait: 10_000, timeout: 10_000 },
  });
}

const holder = globalThis as typeof globalThis & { __appDb?: Db };

/** The process's one database client, opened on first use (survives dev-server reloads). */
export function getDb(): Db {
  holder.__appDb ??= createDb(getEnv().databaseFile);
  return holder.__appDb;
}
