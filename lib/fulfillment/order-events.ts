import type { Prisma } from "@/lib/db";
import type { OrderEventType } from "@/lib/generated/prisma/enums";

type Writer = Pick<Prisma.TransactionClient, "orderEvent">;

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
  options: { details?: Record<string, unknown>; actor?: string } = {},
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
