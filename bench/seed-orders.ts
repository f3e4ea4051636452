import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";

/**
 * Writes `count` orders (with their reservation and one line each) straight into the SQLite file,
 * in the formats the app writes: a realistic table for the dashboard API benchmark. Statuses are
 * mostly COMPLETED, some FAILED and in progress, created over the last 60 days. Returns a G2A
 * order id to search for.
 */
export function seedOrders(
  databaseFile: string,
  count: number,
  product: { g2aProductId: string; cwsProductId: string },
): string {
  const db = new Database(databaseFile);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
  const reservation = db.prepare(
    `INSERT INTO "Reservation" (id, status, expiresAt, createdAt, consumedAt) VALUES (?, 'CONSUMED', ?, ?, ?)`,
  );
  const order = db.prepare(
    `INSERT INTO "Order" (id, g2aOrderId, reservationId, status, saleTotalCents, costTotalCents, needsAttention, lastProgressAt, createdAt, updatedAt, completedAt) VALUES (?, ?, ?, ?, 200, ?, ?, ?, ?, ?, ?)`,
  );
  const item = db.prepare(
    `INSERT INTO "OrderItem" (id, orderId, position, g2aProductId, cwsProductId, quantity, unitPriceCents, quotedCostCents, unitCostCents, minMarginCents, holdsStock) VALUES (?, ?, 0, ?, ?, 1, 200, 100, ?, 0, 0)`,
  );
  const statuses = [
    "COMPLETED",
    "COMPLETED",
    "COMPLETED",
    "COMPLETED",
    "COMPLETED",
    "COMPLETED",
    "COMPLETED",
    "FAILED",
    "AWAITING_CODES",
    "COMPLETED",
  ] as const;
  const now = Date.now();
  let searched = "";
  db.transaction(() => {
    for (let index = 0; index < count; index++) {
      const at = now - Math.floor((index / count) * 60 * 86_400_000);
      const status = statuses[index % statuses.length]!;
      const reservationId = randomUUID();
      const orderId = randomUUID();
      const g2aOrderId = String(90_000_000_000_000 + index);
      if (index === Math.floor(count / 2)) searched = g2aOrderId;
      reservation.run(reservationId, iso(at + 1_800_000), iso(at), iso(at));
      const completed = status === "COMPLETED";
      order.run(
        orderId,
        g2aOrderId,
        reservationId,
        status,
        completed ? 100 : null,
        status === "FAILED" ? 1 : 0,
        iso(at),
        iso(at),
        iso(at),
        completed ? iso(at) : null,
      );
      item.run(randomUUID(), orderId, product.g2aProductId, product.cwsProductId, completed ? 100 : null);
    }
  })();
  db.close();
  return searched;
}
