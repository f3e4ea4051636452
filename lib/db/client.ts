import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import {
  SerializedSqliteAdapterFactory,
  type SerializedSqliteAdapter,
  type SqliteConnection,
} from "./serialized-sqlite-adapter";

export type Db = PrismaClient;

// On globalThis, like the client itself: Next bundles this module into several chunks, each with its own module state.
const registry = globalThis as typeof globalThis & {
  __dbAdapterFactories?: WeakMap<Db, SerializedSqliteAdapterFactory>;
};
const factories = (registry.__dbAdapterFactories ??= new WeakMap());

/** Opens a Prisma client on a SQLite file (its folder is created if needed). */
export function createDb(databaseFile: string): Db {
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  const factory = new SerializedSqliteAdapterFactory(databaseFile);
  const db = new PrismaClient({
    adapter: factory,
    // Transactions queue for the one connection; under a burst the queue, not the work, is the wait.
    transactionOptions: { maxWait: 10_000, timeout: 10_000 },
  });
  factories.set(db, factory);
  return db;
}

/**
 * A write transaction in plain SQL on the client's own connection, run synchronously (see
 * SerializedSqliteAdapter.writeSync): for the hot paths where Prisma's per-query compilation would
 * hold the write lock across event-loop turns. Everything else uses Prisma.
 */
export async function writeSync<T>(db: Db, work: (sqlite: SqliteConnection) => T): Promise<T> {
  return (await connectionOf(db)).writeSync(work);
}

/** A read in plain SQL on the client's own connection, for the same hot paths. */
export async function readSync<T>(db: Db, work: (sqlite: SqliteConnection) => T): Promise<T> {
  return (await connectionOf(db)).readSync(work);
}

async function connectionOf(db: Db): Promise<SerializedSqliteAdapter> {
  const factory = factories.get(db);
  if (!factory) throw new Error("plain SQL needs a client made by createDb");
  if (!factory.connected) await db.$connect();
  return factory.connected!;
}

/** A DateTime as Prisma stores it in SQLite: ISO 8601 with milliseconds and "+00:00". */
export function sqliteDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** A DateTime column read in plain SQL (stored as sqliteDateTime writes it), null when it is null. */
export function fromSqliteDateTime(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(String(value));
}

/** Whether the database answers: one trivial query. Throws when it does not. */
export async function pingDb(db: Db): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}

const holder = globalThis as typeof globalThis & { __appDb?: Db };

/** The process's one database client, opened on first use (survives dev-server reloads). */
export function getDb(): Db {
  holder.__appDb ??= createDb(getEnv().databaseFile);
  return holder.__appDb;
}
