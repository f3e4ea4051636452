import { randomInt, randomUUID } from "node:crypto";
import path from "node:path";
import { createDb, type Db } from "../../lib/db";

/** The SQLite file of the server playwright.config.ts starts (DATA_DIR=.test-data/e2e). */
const DATABASE_FILE = path.resolve(".test-data/e2e/app.db");

const BALANCE_TOO_LOW =
  "CWS refused the purchase: the CWS balance is too low (code 10002). Top up the CWS account, then retry fulfilment.";

type SeededOrder = { id: string; g2aOrderId: string };

const g2aOrderId = () => String(randomInt(100_000_000, 999_999_999_999));

async function seedOrder(db: Db, status: "FAILED" | "COMPLETED"): Promise<SeededOrder> {
  const now = new Date();
  const reservation = await db.reservation.create({
    data: {
      id: randomUUID(),
      status: "CONSUMED",
      expiresAt: new Date(now.getTime() + 30 * 60_000),
      consumedAt: now,
      items: { create: { position: 0, g2aProductId: "10000074", cwsProductId: randomUUID(), quantity: 1, unitPriceCents: 1500n, unitCostCents: 1249n, minMarginCents: 50n } },
    },
    include: { items: true },
  });
  const line = reservation.items[0]!;
  const order = await db.order.create({
    data: {
      id: randomUUID(),
      g2aOrderId: g2aOrderId(),
      reservationId: reservation.id,
      status,
      saleTotalCents: 1500n,
      ...(status === "FAILED"
        ? { lastError: BALANCE_TOO_LOW, failedAt: now }
        : { cwsOrderId: randomUUID(), cwsOrderIdentifier: `CW${randomInt(100_000, 999_999)}`, cwsOrderStatus: "Completed", costTotalCents: 1249n, completedAt: now }),
      items: {
        create: {
          position: 0,
          g2aProductId: line.g2aProductId,
          cwsProductId: line.cwsProductId,
          quantity: 1,
          unitPriceCents: 1500n,
          quotedCostCents: 1249n,
          ...(status === "COMPLETED" ? { unitCostCents: 1249n } : {}),
          minMarginCents: 50n,
          holdsStock: false,
        },
      },
      events: { create: { type: status === "FAILED" ? "FAILED" : "COMPLETED", message: status === "FAILED" ? BALANCE_TOO_LOW : "All keys stored" } },
    },
  });
  return { id: order.id, g2aOrderId: order.g2aOrderId };
}

// Run with tsx by e2e/support/orders.ts (Playwright's loader cannot load the ESM Prisma client):
// writes a FAILED order (CWS refused: balance too low) and a COMPLETED one into the server's database
// and prints their ids as JSON.
async function main(): Promise<void> {
  const db = createDb(DATABASE_FILE);
  try {
    const seeded = { failed: await seedOrder(db, "FAILED"), completed: await seedOrder(db, "COMPLETED") };
    process.stdout.write(JSON.stringify(seeded));
  } finally {
    await db.$disconnect();
  }
}

void main();
