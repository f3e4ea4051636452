import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { G2aApiClient, G2aApiClientOptions } from "@/lib/g2a-api";
import { createTestDb, type TestDb } from "../support/test-db";
import { createSandboxClient, startSandbox, type Sandbox } from "./support";

export type PerTest = { sandbox: Sandbox; testDb: TestDb; client: G2aApiClient };

/**
 * One sandbox for the test file; before each test it is reset, and a fresh database and a client on
 * both are handed to `receive`.
 */
export function withSandboxPerTest(receive: (setup: PerTest) => void, client: Partial<G2aApiClientOptions> = {}): void {
  let sandbox: Sandbox;
  let testDb: TestDb;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    await sandbox.control("reset", {});
    testDb = createTestDb();
    receive({ sandbox, testDb, client: createSandboxClient(sandbox, testDb, client).client });
  });
  afterEach(async () => {
    await testDb.close();
  });
}
