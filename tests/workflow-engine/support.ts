import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import type { Db } from "@/lib/db";
import { createLogger } from "@/lib/logger";
import { embeddedClientOptions, receiveEvents, WorkflowEngine, type WorkflowEngineOptions } from "@/lib/workflow";
import { generateSigningKey } from "@/lib/workflow/signing";
import { createTestDb, type TestDb } from "../support/test-db";

export const APP_ID = "wf-test";

/** Test output stays quiet; WORKFLOW_TEST_LOG=debug shows the engine's lines. */
export const quietLogger = createLogger({ level: process.env.WORKFLOW_TEST_LOG ?? "silent" });

export type TestClient = Inngest;

export type Harness = {
  db: Db;
  /** The SQLite file behind `db` (another client may open it, as another app instance would). */
  file: string;
  client: TestClient;
  /** The serve handler's URL on 127.0.0.1. */
  url: string;
  signingKey: string;
  engine: WorkflowEngine;
  /** A fresh engine instance on the same database and serve handler (not started). */
  newEngine: (options?: Partial<WorkflowEngineOptions>) => WorkflowEngine;
  close: () => Promise<void>;
};

/** Options that keep the suite fast: quick polls and short backoffs. */
export const FAST: Partial<WorkflowEngineOptions> = {
  pollIntervalMs: 20,
  retryBaseDelayMs: 20,
  retryMaxDelayMs: 100,
  leaseMs: 3_000,
  countIntervalMs: 20,
};

/**
 * A real serve handler (the SDK's node adapter) for `define`'s functions on a free loopback port,
 * an embedded-mode client whose events land in a fresh test database, and an engine driving them.
 */
export async function startHarness(
  define: (client: TestClient) => InngestFunction.Like[],
  engineOptions: Partial<WorkflowEngineOptions> = {},
): Promise<Harness> {
  const testDb: TestDb = createTestDb();
  const signingKey = generateSigningKey();
  const client = new Inngest({
    id: APP_ID,
    logger: quietLogger,
    ...embeddedClientOptions({ signingKey: () => signingKey, receive: (events) => receiveEvents(testDb.db, events) }),
  });
  const handler = serve({ client, functions: define(client), enableUnauthedSync: false });
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;

  const engines: WorkflowEngine[] = [];
  const newEngine = (options: Partial<WorkflowEngineOptions> = {}) => {
    const engine = new WorkflowEngine({
      db: testDb.db,
      serveUrl: url,
      signingKey,
      logger: quietLogger,
      ...FAST,
      ...engineOptions,
      ...options,
    });
    engines.push(engine);
    return engine;
  };
  const engine = newEngine();
  engine.start();

  return {
    db: testDb.db,
    file: testDb.file,
    client,
    url,
    signingKey,
    engine,
    newEngine,
    close: async () => {
      await Promise.all(engines.map((each) => each.stop()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await testDb.close();
    },
  };
}

/** Polls `check` until it holds (or fails the test after `timeoutMs`). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  label: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

export function runsOf(db: Db, functionId: string) {
  return db.workflowRun.findMany({ where: { functionId: `${APP_ID}-${functionId}` }, orderBy: { createdAt: "asc" } });
}

/** Waits until `functionId` has `count` runs and all of them reached a final status. */
export async function waitForEndedRuns(db: Db, functionId: string, count = 1, timeoutMs = 10_000) {
  await waitFor(
    async () => {
      const runs = await runsOf(db, functionId);
      return runs.length >= count && runs.every((run) => ["COMPLETED", "FAILED", "CANCELLED"].includes(run.status));
    },
    `${count} ended run(s) of ${functionId}`,
    timeoutMs,
  );
  return runsOf(db, functionId);
}
