import { cached, sqliteDateTime, type SqliteConnection } from "@/lib/db";
import { jsonWithBigInts } from "@/lib/json";
import type { OrderEventType } from "@/lib/generated/prisma/enums";

/**
 * One entry of an order's timeline. Details are for people reading it: ids, counts, statuses, CWS
 * codes, never a key, token or secret.
 */
export type TimelineEntry = {
  type: OrderEventType;
  message: string;
  details?: Record<string, unknown>;
  actor?: string;
};

/** An event type as stored: schema.prisma maps each to its lower-case, dashed name (CREATED is "created"). */
export function storedEventType(type: OrderEventType): string {
  return type.toLowerCase().replaceAll("_", "-");
}

/** Writes of the order timeline (`OrderEvent`). */
export class TimelineStore {
  constructor(private readonly sql: SqliteConnection) {}

  append(orderId: string, entry: TimelineEntry, at: Date): void {
    cached(
      this.sql,
      `INSERT INTO "OrderEvent" (orderId, type, message, details, actor, createdAt) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      orderId,
      storedEventType(entry.type),
      entry.message,
      entry.details ? jsonWithBigInts(entry.details) : null,
      entry.actor ?? "system",
      sqliteDateTime(at),
    );
  }
}
