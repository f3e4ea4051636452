import { randomUUID } from "node:crypto";
import os from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { OrderEventType } from "@/lib/generated/prisma/enums";
import { inTransaction, reading } from "@/lib/stores";
import { checkHealth } from "@/lib/health";
import { createTestDb, type TestDb } from "./support/test-db";

let testDb: TestDb;
beforeEach(() => {
  testDb = createTestDb();
});
afterEach(async () => {
  await testDb.close();
});

async function createOrder(g2aOrderId: string, reservationId = randomUUID()) {
  const { db } = testDb;
  await db.reservation.create({
    data: { id: reservationId, status: "CONSUMED", expiresAt: new Date(Date.now() + 60_000) },
  });
  return db.order.create({ data: { id: randomUUID(), g2aOrderId, reservationId, saleTotalCents: 5_000_000_000_00n } });
}

describe("database", () => {
  it("runs SQLite in WAL mode with a busy timeout", async () => {
    const [journal] = await testDb.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [timeout] = await testDb.db.$queryRawUnsafe<{ timeout: bigint }[]>("PRAGMA busy_timeout");
    expect(journal?.journal_mode).toBe("wal");
    expect(Number(timeout?.timeout)).toBeGreaterThanOrEqual(5000);
  });

  it("stores money above 2^31 cents exactly", async () => {
    const order = await createOrder("80201000000192");
    const read = await testDb.db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(read.saleTotalCents).toBe(500_000_000_000n);
  });

  it("allows one order per G2A order id and per reservation", async () => {
    const order = await createOrder("80201000000193");
    await expect(createOrder("80201000000193")).rejects.toMatchObject({ code: "P2002" });
    await expect(
      testDb.db.order.create({
        data: { id: randomUUID(), g2aOrderId: "80201000000194", reservationId: order.reservationId },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("stores a key once per CWS code of an order", async () => {
    const order = await createOrder("80201000000195");
    const item = await testDb.db.orderItem.create({
      data: {
        orderId: order.id,
        position: 0,
        g2aProductId: "10000000000011",
        cwsProductId: "p",
        quantity: 1,
        quotedCostCents: 111n,
        minMarginCents: 0n,
      },
    });
    const key = {
      orderId: order.id,
      orderItemId: item.id,
      cwsCodeId: "code-1",
      kind: "TEXT" as const,
      sealed: Buffer.from([1, 2, 3]),
    };
    await testDb.db.key.create({ data: { id: randomUUID(), ...key } });
    await expect(testDb.db.key.create({ data: { id: randomUUID(), ...key } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("keeps queries outside a transaction from seeing or joining its uncommitted writes", async () => {
    const { db } = testDb;
    let releaseTransaction!: () => void;
    const holding = new Promise<void>((resolve) => (releaseTransaction = resolve));
    let inserted!: () => void;
    const insertedInside = new Promise<void>((resolve) => (inserted = resolve));

    const transaction = db
      .$transaction(async (tx) => {
        await tx.setting.create({ data: { key: "inside", value: "1" } });
        inserted();
        await holding;
        throw new Error("roll back");
      })
      .catch((error: Error) => error.message);

    await insertedInside;
    // Both are sent (Prisma queries start on .then) while the transaction is open; they must wait for it to end.
    const seen = db.setting.findMany().then((rows) => rows.map((row) => row.key));
    const outside =
      db.$executeRaw`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('outside', '1', CURRENT_TIMESTAMP)`.then(
        (count) => count,
      );
    // Give them every chance to run before the transaction ends.
    await new Promise((resolve) => setTimeout(resolve, 100));
    releaseTransaction();

    expect(await transaction).toBe("roll back");
    expect(await outside).toBe(1);
    expect(await seen).not.toContain("inside");
    expect((await db.setting.findMany()).map((row) => row.key)).toEqual(["outside"]);
  });

  it("reports healthy when the database answers", async () => {
    expect(await checkHealth(() => testDb.db)).toMatchObject({ status: "ok", db: "ok" });
  });

  it("reports the database down when it cannot be opened", async () => {
    // A directory where the SQLite file should be: SQLite cannot open it.
    const broken = createDb(os.tmpdir());
    expect(await checkHealth(() => broken)).toMatchObject({ status: "error", db: "down" });
  });

  it("writes and reads an order in plain SQL exactly as Prisma stores and reads it", async () => {
    const { db } = testDb;
    const order = await createOrder("80201000000195");
    await db.order.update({
      where: { id: order.id },
      data: {
        status: "PLACING",
        cwsOrderId: "cws-1",
        cwsOrderStatus: "Processing",
        cwsOrderedAt: new Date("2026-11-22T10:00:00.123Z"),
        placementGeneration: 2,
        cwsPlacementStartedAt: new Date("2026-11-22T09:59:59.001Z"),
        placementLeaseOwner: "request:1",
        placementLeaseUntil: new Date("2026-11-22T10:00:50.007Z"),
      },
    });
    for (const position of [1, 0]) {
      await db.orderItem.create({
        data: {
          orderId: order.id,
          position,
          g2aProductId: `1000000000000${position}`,
          cwsProductId: `p${position}`,
          quantity: 2 + position,
          unitPriceCents: position ? null : 2_500_000_000_00n,
          quotedCostCents: 100n,
          minMarginCents: 7n,
        },
      });
    }
    await db.cwsPlacementAttempt.create({
      data: {
        orderId: order.id,
        generation: 2,
        attemptNumber: 1,
        requestBody: "{}",
        startedAt: new Date("2026-11-22T10:00:00.000Z"),
        finishedAt: new Date("2026-11-22T10:00:01.500Z"),
        outcome: "NOT_PROCESSED",
        httpStatus: 429,
        cwsErrorCode: "x",
        message: "slow down",
        retryAfterSeconds: 3,
        recoveryChecks: 1,
        lookupFailures: 2,
        nextRecoveryAt: new Date("2026-11-22T10:05:00.000Z"),
      },
    });
    await db.cwsPlacementAttempt.create({
      data: { orderId: order.id, generation: 1, attemptNumber: 2, requestBody: "{}" },
    });

    const prismaOrder = await db.order.findUniqueOrThrow({
      where: { id: order.id },
      include: { items: { orderBy: { position: "asc" } } },
    });
    const prismaAttempts = await db.cwsPlacementAttempt.findMany({
      where: { orderId: order.id },
      orderBy: [{ generation: "asc" }, { attemptNumber: "asc" }],
    });
    const { state, attempts } = await reading(db, (stores) => ({
      state: stores.orders.state(order.id),
      attempts: stores.attempts.list(order.id),
    }));
    const {
      id,
      status,
      needsAttention,
      cwsOrderId,
      cwsOrderStatus,
      cwsOrderedAt,
      placementGeneration,
      cwsPlacementStartedAt,
      placementLeaseOwner,
      placementLeaseUntil,
      createdAt,
      items,
    } = prismaOrder;
    expect(state).toEqual({
      ...{
        id,
        status,
        needsAttention,
        cwsOrderId,
        cwsOrderStatus,
        cwsOrderedAt,
        placementGeneration,
        cwsPlacementStartedAt,
        placementLeaseOwner,
        placementLeaseUntil,
        createdAt,
      },
      items: items.map(({ id, position, g2aProductId, cwsProductId, quantity, unitPriceCents, minMarginCents }) => ({
        id,
        position,
        g2aProductId,
        cwsProductId,
        quantity,
        unitPriceCents,
        minMarginCents,
      })),
    });
    expect(attempts).toEqual(prismaAttempts);
    expect(attempts.map((attempt) => attempt.generation)).toEqual([1, 2]);

    // Every timeline entry type written in plain SQL reads back through Prisma as itself.
    const types = Object.values(OrderEventType);
    await inTransaction(db, (tx) =>
      types.forEach((type) => tx.orders.note(order.id, { type, message: type, details: { cents: 5n } }, new Date())),
    );
    const events = await db.orderEvent.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
    expect(events.map((event) => [event.type, event.message, event.details, event.actor])).toEqual(
      types.map((type) => [type, type, '{"cents":"5"}', "system"]),
    );
  });
});
