import { cached, fromSqliteDateTime, type SqliteConnection } from "@/lib/db";
import type { CwsPlacementAttempt, Order, OrderItem } from "@/lib/generated/prisma/client";
import type { OrderStatus, PlacementOutcome } from "@/lib/generated/prisma/enums";

// The order as the fulfilment steps read it, in plain SQL inside readSync/writeSync: every sale
// reads it several times, and Prisma compiles each query on the event loop (ARCHITECTURE §1).
// SQLite gives integers as bigints and DateTimes as ISO text; these readers give Prisma's shapes.

export type OrderLine = Pick<OrderItem, "id" | "position" | "g2aProductId" | "cwsProductId" | "quantity" | "unitPriceCents" | "minMarginCents">;

export type OrderState = Pick<Order, "id" | "status" | "cwsOrderId" | "cwsOrderStatus" | "cwsOrderedAt" | "placementGeneration" | "cwsPlacementStartedAt"> & {
  items: OrderLine[];
};

type Cell = string | bigint | number | null;
type Row = Record<string, Cell>;

const toCents = (value: Cell | undefined) => (value === null || value === undefined ? null : BigInt(value));
const toInt = (value: Cell | undefined) => (value === null || value === undefined ? null : Number(value));

/** The order's status; undefined when it does not exist. */
export function readOrderStatus(sqlite: SqliteConnection, orderId: string): OrderStatus | undefined {
  return (cached(sqlite, `SELECT status FROM "Order" WHERE id = ?`).get(orderId) as { status: OrderStatus } | undefined)?.status;
}

/** The order's status, purchase fields and lines in reservation order; undefined when it does not exist. */
export function readOrderState(sqlite: SqliteConnection, orderId: string): OrderState | undefined {
  const row = cached(sqlite, `SELECT id, status, cwsOrderId, cwsOrderStatus, cwsOrderedAt, placementGeneration, cwsPlacementStartedAt FROM "Order" WHERE id = ?`).get(orderId) as Row | undefined;
  if (!row) return undefined;
  const lines = cached(
    sqlite,
    `SELECT id, position, g2aProductId, cwsProductId, quantity, unitPriceCents, minMarginCents FROM "OrderItem" WHERE orderId = ? ORDER BY position ASC`,
  ).all(orderId) as Row[];
  return {
    id: String(row.id),
    status: row.status as OrderStatus,
    cwsOrderId: row.cwsOrderId as string | null,
    cwsOrderStatus: row.cwsOrderStatus as string | null,
    cwsOrderedAt: fromSqliteDateTime(row.cwsOrderedAt),
    placementGeneration: Number(row.placementGeneration),
    cwsPlacementStartedAt: fromSqliteDateTime(row.cwsPlacementStartedAt),
    items: lines.map((line) => ({
      id: String(line.id),
      position: Number(line.position),
      g2aProductId: String(line.g2aProductId),
      cwsProductId: String(line.cwsProductId),
      quantity: Number(line.quantity),
      unitPriceCents: toCents(line.unitPriceCents),
      minMarginCents: BigInt(line.minMarginCents!),
    })),
  };
}

/** Every purchase attempt of the order, earliest first (by generation, then attempt number). */
export function readAttempts(sqlite: SqliteConnection, orderId: string): CwsPlacementAttempt[] {
  const rows = cached(sqlite, `SELECT * FROM "CwsPlacementAttempt" WHERE orderId = ? ORDER BY generation ASC, attemptNumber ASC`).all(orderId) as Row[];
  return rows.map((row) => ({
    id: String(row.id),
    orderId: String(row.orderId),
    generation: Number(row.generation),
    attemptNumber: Number(row.attemptNumber),
    requestBody: String(row.requestBody),
    startedAt: new Date(String(row.startedAt)),
    finishedAt: fromSqliteDateTime(row.finishedAt),
    outcome: row.outcome as PlacementOutcome | null,
    httpStatus: toInt(row.httpStatus),
    cwsErrorCode: row.cwsErrorCode as string | null,
    message: row.message as string | null,
    cwsOrderId: row.cwsOrderId as string | null,
    retryAfterSeconds: toInt(row.retryAfterSeconds),
    recoveryChecks: Number(row.recoveryChecks),
    lookupFailures: Number(row.lookupFailures),
    nextRecoveryAt: fromSqliteDateTime(row.nextRecoveryAt),
  }));
}

/** How many keys each line of the order has stored, returned ones included. */
export function countKeysPerLine(sqlite: SqliteConnection, orderId: string): Map<string, number> {
  const rows = cached(sqlite, `SELECT orderItemId, COUNT(*) AS stored FROM "Key" WHERE orderId = ? GROUP BY orderItemId`).all(orderId) as Row[];
  return new Map(rows.map((row) => [String(row.orderItemId), Number(row.stored)]));
}

/** The CWS codes the order already has a key for. */
export function storedCodeIds(sqlite: SqliteConnection, orderId: string): Set<string> {
  const rows = cached(sqlite, `SELECT cwsCodeId FROM "Key" WHERE orderId = ?`).all(orderId) as Row[];
  return new Set(rows.map((row) => String(row.cwsCodeId)));
}
