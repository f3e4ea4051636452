import { cached, sqliteDateTime, type Prisma, type SqliteConnection } from "@/lib/db";
import type { OrderEventType } from "@/lib/generated/prisma/enums";

type Writer = Pick<Prisma.TransactionClient, "orderEvent">;
type EventOptions = { details?: Record<string, unknown>; actor?: string };

/** Timeline details as stored: JSON, with cents and other bigints as strings. */
export function timelineDetails(details: Record<string, unknown>): string {
  return JSON.stringify(details, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

/**
 * Adds an entry to an order's timeline. Details are for people reading the timeline: ids, counts,
 * statuses, CWS codes, never a key, token or secret.
 */
export async function recordOrderEvent(
  db: Writer,
  orderId: string,
  type: OrderEventType,
  message: string,
  options: EventOptions = {},
): Promise<void> {
  await db.orderEvent.create({
    data: {
      orderId,
      type,
      message,
      details: options.details ? timelineDetails(options.details) : null,
      actor: options.actor ?? "system",
    },
  });
}

/** An event type as stored: schema.prisma maps each to its lower-case, dashed name (CREATED is "created"). */
export function storedEventType(type: OrderEventType): string {
  return type.toLowerCase().replaceAll("_", "-");
}

/** recordOrderEvent inside a plain-SQL transaction (the fulfilment hot paths' writeSync). */
export function appendOrderEvent(sqlite: SqliteConnection, orderId: string, type: OrderEventType, message: string, options: EventOptions = {}): void {
  cached(sqlite, `INSERT INTO "OrderEvent" (orderId, type, message, details, actor, createdAt) VALUES (?, ?, ?, ?, ?, ?)`).run(
    orderId,
    storedEventType(type),
    message,
    options.details ? timelineDetails(options.details) : null,
    options.actor ?? "system",
    sqliteDateTime(new Date()),
  );
}
