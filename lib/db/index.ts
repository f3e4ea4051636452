export { createDb, fromSqliteDateTime, getDb, pingDb, readSync, sqliteDateTime, writeSync, type Db } from "./client";
export { startBackgroundCheckpoints, type CheckpointerHandle } from "./checkpoints";
export { cached, type SqliteConnection } from "./serialized-sqlite-adapter";
export { Prisma } from "@/lib/generated/prisma/client";
