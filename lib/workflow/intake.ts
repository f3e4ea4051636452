import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { runningEngine } from "./registry";
import { insertEvent } from "./store";

/** An event as inngest.send() posts it (the SDK fills ts, data and meta; id is ours to give). */
const sentEventSchema = z.looseObject({
  id: z.string().trim().min(1).max(256).optional(),
  name: z
    .string()
    .trim()
    .min(1)
    .max(256)
    .refine((name) => !name.startsWith("inngest/"), { error: 'event names starting with "inngest/" are reserved' }),
  data: z.record(z.string(), z.unknown()).default({}),
  ts: z.number().int().positive().optional(),
});

export const sentEventsSchema = z.array(sentEventSchema);

/**
 * Stores sent events durably and wakes the engine when one runs in this process (otherwise the
 * server's engine finds them when it polls: a CLI only writes the database). An id already
 * received is not stored again, so it starts nothing new. Returns the event ids, in order.
 */
export async function receiveEvents(db: Db, events: unknown, now = new Date()): Promise<string[]> {
  const parsed = sentEventsSchema.parse(events);
  const ids: string[] = [];
  for (const event of parsed) {
    const id = event.id ?? randomUUID();
    const fresh = await insertEvent(
      db,
      { id, name: event.name, payload: { ...event, id, ts: event.ts ?? now.getTime() } },
      now,
    );
    if (!fresh) logger.debug({ eventId: id, eventName: event.name }, "workflow event already received; ignored");
    ids.push(id);
  }
  runningEngine()?.wake();
  return ids;
}
