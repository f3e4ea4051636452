import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/lib/db/migrate";
import { ensureBuild } from "@/tools/build/ensure-build";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseFile: string;
  }
}

/**
 * Migrates one template database per run (each test copies it instead of migrating again), and
 * makes sure the production build the contract tests serve is current.
 */
export default async function setup(project: TestProject) {
  // TEST_BUILD=skip: for a run of tests that start no app server (the build is theirs alone to need).
  if (process.env.TEST_BUILD !== "skip") await ensureBuild(process.cwd());
  const dir = path.resolve(".test-data", `vitest-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  await applyMigrations({ env: { DATA_DIR: dir, DATABASE_URL: `file:${path.join(dir, "template.db")}` } });
  project.provide("templateDatabaseFile", path.join(dir, "template.db"));
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
