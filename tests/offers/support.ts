import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { DEMO_MAPPINGS, type DemoIdentifier } from "@/lib/demo/catalogue";
import type { FulfillmentDeps } from "@/lib/fulfillment/deps";
import type { G2aApiClient } from "@/lib/g2a-api";
import { createLogger } from "@/lib/logger";
import type { OfferSyncConfig } from "@/lib/offers/config";
import type { OfferDeps } from "@/lib/offers/deps";
import { reading } from "@/lib/stores";
import { createDeps } from "../fulfillment/support";
import {
  createSandboxClient as createG2aClient,
  startSandbox as startG2aSandbox,
  type Sandbox as G2aSandbox,
} from "../g2a-api/support";
import { startSandbox as startCwsSandbox, type Sandbox as CwsSandbox } from "../support/cws-sandbox";
import { createTestDb, type TestDb } from "../support/test-db";

// The offer sync against both sandboxes over real HTTP, on a real SQLite file.

export type OfferWorld = {
  cws: CwsSandbox;
  g2a: G2aSandbox;
  testDb: TestDb;
  deps: OfferDeps;
  fulfillment: FulfillmentDeps;
  client: G2aApiClient;
};

/** The sync's knobs for tests: the product's defaults, with G2A calls quick to give up. */
export function testOfferConfig(overrides: Partial<OfferSyncConfig> = {}): OfferSyncConfig {
  return {
    syncIntervalMs: 5 * 60_000,
    simulationMaxAgeMs: 24 * 3_600_000,
    priceChangesPerHour: 4,
    defaultMinMarginCents: 0n,
    maxUnitCostCents: 500_00n,
    maxDeclaredStock: 9_999,
    competitorMaxAgeMs: 10 * 60_000,
    listingMaxAgeMs: 60 * 60_000,
    jobLostAfterMs: 30 * 60_000,
    leaseMs: 120_000,
    stockMaxAgeMs: 30_000,
    callTimeoutMs: 3000,
    callMaxRetries: 1,
    ...overrides,
  };
}

/**
 * Starts both sandboxes for the file; before each test they are reset and a fresh database with
 * the offer sync wired to both is handed to `receive`.
 */
export function withOfferWorld(
  receive: (world: OfferWorld) => void,
  options: { config?: Partial<OfferSyncConfig> } = {},
): void {
  let cws: CwsSandbox;
  let g2a: G2aSandbox;
  let testDb: TestDb;
  beforeAll(async () => {
    [cws, g2a] = await Promise.all([startCwsSandbox(), startG2aSandbox()]);
  });
  afterAll(async () => {
    await Promise.all([cws?.close(), g2a?.close()]);
  });
  beforeEach(async () => {
    await Promise.all([cws.control("reset", {}), g2a.control("reset", {})]);
    testDb = createTestDb();
    const fulfillment = createDeps(testDb, cws);
    const { client } = createG2aClient(g2a, testDb, { jobPollAttempts: 3 });
    const deps: OfferDeps = {
      db: testDb.db,
      client: async () => client,
      config: testOfferConfig(options.config),
      log: createLogger({ level: "silent" }),
      now: () => new Date(),
      owner: "test-sync",
      stock: fulfillment.stock,
    };
    receive({ cws, g2a, testDb, deps, fulfillment, client });
  });
  afterEach(async () => {
    await testDb.close();
  });
}

/** Maps a demo product (its G2A id is one of the G2A sandbox's products) and reads its CWS snapshot. */
export async function mapDemo(
  world: OfferWorld,
  identifier: DemoIdentifier,
  fields: { minMarginCents?: bigint; g2aOfferId?: string; maxDeclaredStock?: number } = {},
): Promise<{ mappingId: string; g2aProductId: string; cwsProductId: string }> {
  const demo = DEMO_MAPPINGS.find((mapping) => mapping.identifier === identifier)!;
  const mapping = await world.testDb.db.productMapping.create({
    data: {
      g2aProductId: demo.g2aProductId,
      cwsProductId: demo.cwsProductId,
      allowPreOrder: demo.allowPreOrder,
      minMarginCents: fields.minMarginCents ?? 0n,
      g2aOfferId: fields.g2aOfferId ?? null,
      maxDeclaredStock: fields.maxDeclaredStock ?? null,
    },
  });
  await world.fulfillment.stock.refresh([demo.cwsProductId], { timeoutMs: 3000 });
  return { mappingId: mapping.id, g2aProductId: demo.g2aProductId, cwsProductId: demo.cwsProductId };
}

/** The offer's state and decisions as the sync left them. */
export async function offerOf(world: OfferWorld, g2aProductId: string) {
  const input = await reading(world.testDb.db, (stores) => stores.offers.byProduct(g2aProductId));
  const decisions = await world.testDb.db.g2aOfferDecision.findMany({
    where: { mappingId: input!.mapping.id },
    orderBy: { id: "asc" },
  });
  return { ...input!, decisions };
}

/** Our offer for a product in the G2A sandbox, as its state shows it. */
export async function sandboxOffer(world: OfferWorld, g2aProductId: string) {
  return (await world.g2a.state()).offers.find((offer) => offer.product.id === g2aProductId) ?? null;
}

/** Sets a CWS product's stock and/or one-unit price in the CWS sandbox, and reads it into the snapshot. */
export async function changeCws(
  world: OfferWorld,
  cwsProductId: string,
  change: { quantity?: number; price?: number },
): Promise<void> {
  await world.cws.control("products", {
    productId: cwsProductId,
    ...(change.quantity !== undefined ? { quantity: change.quantity } : {}),
    ...(change.price !== undefined ? { prices: [{ value: change.price, from: 1, to: null }] } : {}),
  });
  await world.fulfillment.stock.refresh([cwsProductId], { timeoutMs: 3000 });
}

/** The API requests the G2A sandbox received since `since` requests, as "METHOD /path". */
export async function g2aCallsSince(world: OfferWorld, since: number): Promise<string[]> {
  return (await world.g2a.calls()).slice(since);
}
