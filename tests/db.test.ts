import { randomUUID } from "node:crypto";
import os from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
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
  await db.reservation.create({ data: { id: reservationId, status: "CONSUMED", expiresAt: new Date(Date.now() + 60_000) } });
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
      testDb.db.order.create({ data: { id: randomUUID(), g2aOrderId: "80201000000194", reservationId: order.reservationId } }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("stores a key once per CWS code of an order", async () => {
    const order = await createOrder("80201000000195");
    const item = await testDb.db.orderItem.create({
      data: { orderId: order.id, position: 0, g2aProductId: "10000000000011", cwsProductId: "p", quantity: 1, quotedCostCents: 111n, minMarginCents: 0n },
    });
    const key = { orderId: order.id, orderItemId: item.id, cwsCodeId: "code-1", kind: "TEXT" as const, sealed: Buffer.from([1, 2, 3]) };
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
    const outside = db.$executeRaw`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('outside', '1', CURRENT_TIMESTAMP)`.then(
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
});
