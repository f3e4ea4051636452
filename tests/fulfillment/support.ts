import { randomBytes, randomUUID } from "node:crypto";
import { createKeyVault } from "@/lib/crypto";
import { DEMO_MAPPINGS, type DemoIdentifier } from "@/lib/demo/catalogue";
import type { FulfillmentConfig } from "@/lib/fulfillment/config";
import type { FulfillmentDeps } from "@/lib/fulfillment/deps";
import { pollCwsOrder } from "@/lib/fulfillment/collect-keys";
import { advancePlacement, type PlacementDecision } from "@/lib/fulfillment/placement";
import { g2aPriceSchema } from "@/lib/g2a/money";
import { createLogger } from "@/lib/logger";
import { StockSnapshots } from "@/lib/stock/snapshots";
import { createSandboxClient, type Sandbox } from "../support/cws-sandbox";
import { createTestDb, type TestDb } from "../support/test-db";

export const TEST_CONFIG: FulfillmentConfig = {
  reservationTtlMs: 1_800_000,
  defaultMinMarginCents: 0n,
  maxUnitCostCents: 500_00n,
  stockMaxAgeMs: 30_000,
  stockReadTimeoutMs: 2000,
  stockFallbackMaxAgeMs: 600_000,
  orderSyncWaitMs: 300,
  purchaseInRequest: true,
  cwsTimeoutMs: 600,
  cwsGetMaxRetries: 2,
  placementLeaseMs: 5000,
  recoveryFirstWaitMs: 50,
  recoverySecondWaitMs: 100,
  maxUnknownAttempts: 3,
  notReadyAlertMs: 600_000,
  stuckOrderMs: 900_000,
};

/** Fulfilment as the product wires it, on a test database and the local CWS sandbox, with short waits. */
export function createDeps(testDb: TestDb, sandbox: Sandbox, config: Partial<FulfillmentConfig> = {}): FulfillmentDeps {
  const log = createLogger({ level: "silent" });
  const cws = createSandboxClient(sandbox, testDb, { timeoutMs: config.cwsTimeoutMs ?? TEST_CONFIG.cwsTimeoutMs });
  return {
    db: testDb.db,
    cws,
    stock: new StockSnapshots(testDb.db, cws, log),
    vault: createKeyVault(randomBytes(32).toString("base64")),
    config: { ...TEST_CONFIG, ...config },
    log,
    now: () => new Date(),
  };
}

type Line = { product: DemoIdentifier; quantity: number; unitPriceCents?: bigint; minMarginCents?: bigint };

/** A paid order as POST /order leaves it: PENDING, its reservation consumed, the demo products mapped. */
export async function createPaidOrder(
  deps: FulfillmentDeps,
  lines: readonly Line[],
  mapping: { allowPreOrder?: boolean; maxUnitCostCents?: bigint } = {},
): Promise<string> {
  const { db } = deps;
  const orderId = randomUUID();
  const reservationId = randomUUID();
  const resolved = lines.map((line) => ({
    ...line,
    mapping: DEMO_MAPPINGS.find((candidate) => candidate.identifier === line.product)!,
  }));
  for (const { mapping: demo } of resolved) {
    const data = {
      cwsProductId: demo.cwsProductId,
      allowPreOrder: mapping.allowPreOrder ?? demo.allowPreOrder,
      maxUnitCostCents:
        mapping.maxUnitCostCents ?? (demo.maxUnitCost === null ? null : g2aPriceSchema.parse(demo.maxUnitCost)),
    };
    await db.productMapping.upsert({
      where: { g2aProductId: demo.g2aProductId },
      create: { g2aProductId: demo.g2aProductId, ...data },
      update: data,
    });
  }
  await db.reservation.create({
    data: { id: reservationId, status: "CONSUMED", expiresAt: new Date(Date.now() + 60_000) },
  });
  await db.order.create({
    data: {
      id: orderId,
      g2aOrderId: String(80201000000000 + Math.floor(Math.random() * 1e6)),
      reservationId,
      items: {
        create: resolved.map((line, position) => ({
          position,
          g2aProductId: line.mapping.g2aProductId,
          cwsProductId: line.mapping.cwsProductId,
          quantity: line.quantity,
          unitPriceCents: line.unitPriceCents ?? null,
          quotedCostCents: 0n,
          minMarginCents: line.minMarginCents ?? 0n,
        })),
      },
    },
  });
  return orderId;
}

/**
 * Drives an order the way the workflow does (advance, sleep, poll), with real waits capped at
 * `maxWaitMs` each, until it settles or `maxSteps` pass. Returns every placement decision taken.
 */
export async function drive(
  deps: FulfillmentDeps,
  orderId: string,
  options: { maxSteps?: number; maxWaitMs?: number; owner?: string } = {},
): Promise<PlacementDecision[]> {
  const decisions: PlacementDecision[] = [];
  for (let stepCount = 0; stepCount < (options.maxSteps ?? 40); stepCount++) {
    const decision = await advancePlacement(deps, orderId, options.owner ?? "test-run");
    decisions.push(decision);
    if (decision.next === "stop") return decisions;
    if (decision.next === "wait") {
      if (decision.ms > (options.maxWaitMs ?? 2000)) return decisions;
      await new Promise((resolve) => setTimeout(resolve, decision.ms));
      continue;
    }
    const poll = await pollCwsOrder(deps, orderId);
    if (poll.nextPollInMs === null) return decisions;
    if (poll.nextPollInMs > (options.maxWaitMs ?? 2000)) return decisions;
    await new Promise((resolve) => setTimeout(resolve, poll.nextPollInMs!));
  }
  return decisions;
}

/** A reset sandbox, a fresh migrated database and fulfilment wired to both: what each lib-level test starts from. */
export async function freshDbAndDeps(sandbox: Sandbox): Promise<{ testDb: TestDb; deps: FulfillmentDeps }> {
  await sandbox.control("reset", {});
  const testDb = createTestDb();
  return { testDb, deps: createDeps(testDb, sandbox) };
}
