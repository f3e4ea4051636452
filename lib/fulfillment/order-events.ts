import type { Prisma } from "@/lib/db";
import type { OrderEventType } from "@/lib/generated/prisma/enums";

type Writer = Pick<Prisma.TransactionClient, "orderEvent">;

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
      details: options.details ? JSON.stringify(options.details, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)) : null,
      actor: options.actor ?? "system",
    },
  });
}
