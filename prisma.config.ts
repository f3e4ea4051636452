import { defineConfig } from "prisma/config";
import { SerializedSqliteAdapterFactory } from "./lib/db/serialized-sqlite-adapter";
import { parseRawEnv, resolveStorage } from "./lib/env";

// The JavaScript schema engine runs migrations through our driver adapter: no engine download.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const { databaseFile } = resolveStorage(parseRawEnv());
    const fs = await import("node:fs");
    const path = await import("node:path");
    fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
    return new SerializedSqliteAdapterFactory(databaseFile);
  },
});
