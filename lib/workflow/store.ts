import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Prisma, WorkflowRunStatus, WorkflowStepStatus } from "@/lib/generated/prisma/client";
import { type JsonObject, type MemoizedResult, memoizedResultSchema } from "./protocol";

// Persistence of the embedded engine: events, runs, memoized steps, timers and cron slots.
// Every write that decides something (which engine owns a run, whether an event or a cron slot
// was already dispatched) is a conditional update inside one transaction, so two engine
// instances on the same database never run the same thing twice.

export const ACTIVE_STATUSES = ["QUEUED", "RUNNING", "SLEEPING"] as const satisfies readonly WorkflowRunStatus[];

export type StoredEvent = { id: string; name: string; payload: JsonObject };

/** A run to create for an event; a singleton key cancels (or is skipped for) the active run with that key. */
export type RunPlan = { functionId: string; singleton?: { key: string; mode: "skip" | "cancel" } };

export type RunCreation = {
  created: Array<{ id: string; functionId: string }>;
  cancelled: Array<{ id: string; functionId: string }>;
  skipped: string[];
};

export type StepRecord = {
  hashedId: string;
  name: string | null;
  status: WorkflowStepStatus;
  attempt: number;
  wakeAt: Date | null;
  position: number | null;
  result: MemoizedResult | null;
};

export type LoadedRun = {
  id: string;
  functionId: string;
  eventId: string;
  eventName: string;
  event: JsonObject;
  attempt: number;
  discoveryAt: Date | null;
  disableImmediateExecution: boolean;
  startedAt: Date | null;
  createdAt: Date;
  lastError: string | null;
  steps: StepRecord[];
};

export type RunFields = {
  status: WorkflowRunStatus;
  attempt: number;
  wakeAt: Date | null;
  discoveryAt: Date | null;
  disableImmediateExecution: boolean;
  lastError: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
};

const eventPayloadSchema = z.record(z.string(), z.unknown());

export const CANCELLED_BY_SINGLETON = "cancelled: a newer event started a run with the same singleton key";

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Stores a received event; false when an event with that id was already received. */
export async function insertEvent(db: Db, event: StoredEvent): Promise<boolean> {
  try {
    await db.workflowEvent.create({ data: { id: event.id, name: event.name, payload: JSON.stringify(event.payload) } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

function parsePayload(text: string): JsonObject | undefined {
  try {
    const parsed = eventPayloadSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Events received but not dispatched yet, oldest first. A payload that is not a JSON object
 * (written by hand, say) comes back undefined, so one bad row cannot stall the queue.
 */
export async function pendingEvents(db: Db, limit: number): Promise<Array<Omit<StoredEvent, "payload"> & { payload: JsonObject | undefined }>> {
  const rows = await db.workflowEvent.findMany({
    where: { processedAt: null },
    orderBy: { receivedAt: "asc" },
    take: limit,
    select: { id: true, name: true, payload: true },
  });
  return rows.map((row) => ({ id: row.id, name: row.name, payload: parsePayload(row.payload) }));
}

async function createRuns(tx: Prisma.TransactionClient, event: StoredEvent, plans: readonly RunPlan[], now: Date): Promise<RunCreation> {
  const result: RunCreation = { created: [], cancelled: [], skipped: [] };
  for (const plan of plans) {
    if (plan.singleton) {
      const active = await tx.workflowRun.findMany({
        where: { functionId: plan.functionId, singletonKey: plan.singleton.key, status: { in: [...ACTIVE_STATUSES] } },
        select: { id: true },
      });
      if (active.length > 0 && plan.singleton.mode === "skip") {
        result.skipped.push(plan.functionId);
        continue;
      }
      if (active.length > 0) {
        const ids = active.map((run) => run.id);
        await tx.workflowRun.updateMany({
          where: { id: { in: ids } },
          data: {
            status: "CANCELLED",
            endedAt: now,
            wakeAt: null,
            discoveryAt: null,
            leaseOwner: null,
            leaseUntil: null,
            lastError: CANCELLED_BY_SINGLETON,
          },
        });
        await tx.workflowStep.deleteMany({ where: { runId: { in: ids } } });
        result.cancelled.push(...ids.map((id) => ({ id, functionId: plan.functionId })));
      }
    }
    const id = randomUUID();
    await tx.workflowRun.create({
      data: {
        id,
        functionId: plan.functionId,
        eventId: event.id,
        eventName: event.name,
        status: "QUEUED",
        wakeAt: now,
        discoveryAt: now,
        singletonKey: plan.singleton?.key ?? null,
      },
    });
    result.created.push({ id, functionId: plan.functionId });
  }
  return result;
}

/** Creates the runs of a received event and marks it dispatched; undefined if another engine did. */
export async function dispatchEvent(db: Db, event: StoredEvent, plans: readonly RunPlan[], now: Date): Promise<RunCreation | undefined> {
  return db.$transaction(async (tx) => {
    const marked = await tx.workflowEvent.updateMany({ where: { id: event.id, processedAt: null }, data: { processedAt: now } });
    if (marked.count === 0) return undefined;
    return createRuns(tx, event, plans, now);
  });
}

/** The last fired slot of every cron trigger, keyed by function id and schedule. */
export async function loadCronSlots(db: Db): Promise<Map<string, Date>> {
  const rows = await db.workflowCron.findMany();
  return new Map(rows.map((row) => [cronSlotKey(row.functionId, row.schedule), row.lastFireAt]));
}

export function cronSlotKey(functionId: string, schedule: string): string {
  return `${functionId}\u0000${schedule}`;
}

/** Records the current slot of a cron trigger seen for the first time, without firing it. */
export async function saveCronBaseline(db: Db, functionId: string, schedule: string, slot: Date): Promise<Date> {
  const row = await db.workflowCron.upsert({
    where: { functionId_schedule: { functionId, schedule } },
    create: { functionId, schedule, lastFireAt: slot },
    update: {},
  });
  return row.lastFireAt;
}

/** Fires a cron slot once: undefined when this slot (or a later one) was already fired. */
export async function fireCron(
  db: Db,
  input: { functionId: string; schedule: string; slot: Date; event: StoredEvent; plans: readonly RunPlan[]; now: Date },
): Promise<RunCreation | undefined> {
  return db.$transaction(async (tx) => {
    const advanced = await tx.workflowCron.updateMany({
      where: { functionId: input.functionId, schedule: input.schedule, lastFireAt: { lt: input.slot } },
      data: { lastFireAt: input.slot },
    });
    if (advanced.count === 0) return undefined;
    await tx.workflowEvent.create({
      data: { id: input.event.id, name: input.event.name, payload: JSON.stringify(input.event.payload), processedAt: input.now },
    });
    return createRuns(tx, input.event, input.plans, input.now);
  });
}

/**
 * Runs of the served functions with work due now that no live engine holds, earliest first, with
 * their event. Runs of a function the app no longer serves wait (it may come back with a deploy).
 */
export async function dueRuns(db: Db, now: Date, exclude: readonly string[], functionIds: readonly string[], limit: number) {
  const rows = await db.workflowRun.findMany({
    where: {
      status: { in: [...ACTIVE_STATUSES] },
      wakeAt: { lte: now },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
      functionId: { in: [...functionIds] },
      ...(exclude.length > 0 ? { id: { notIn: [...exclude] } } : {}),
    },
    orderBy: { wakeAt: "asc" },
    take: limit,
    select: { id: true, functionId: true, event: { select: { payload: true } } },
  });
  // Runs are only created for events that parsed, so the fallback is for hand-edited rows.
  return rows.map((row) => ({ id: row.id, functionId: row.functionId, event: parsePayload(row.event.payload) ?? {} }));
}

/** Takes a due run for this engine until `leaseUntil`; false when another engine has it or it ended. */
export async function claimRun(db: Db, id: string, owner: string, now: Date, leaseUntil: Date): Promise<boolean> {
  const claimed = await db.workflowRun.updateMany({
    where: {
      id,
      status: { in: [...ACTIVE_STATUSES] },
      wakeAt: { lte: now },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { status: "RUNNING", leaseOwner: owner, leaseUntil },
  });
  return claimed.count === 1;
}

/** Extends the lease of a run this engine holds; false when it no longer does (cancelled, taken over). */
export async function renewLease(db: Db, id: string, owner: string, leaseUntil: Date): Promise<boolean> {
  const renewed = await db.workflowRun.updateMany({ where: { id, leaseOwner: owner, status: "RUNNING" }, data: { leaseUntil } });
  return renewed.count === 1;
}

export async function loadRun(db: Db, id: string): Promise<LoadedRun | undefined> {
  const row = await db.workflowRun.findUnique({ where: { id }, include: { event: { select: { payload: true } }, steps: true } });
  if (!row) return undefined;
  return {
    id: row.id,
    functionId: row.functionId,
    eventId: row.eventId,
    eventName: row.eventName,
    event: eventPayloadSchema.parse(JSON.parse(row.event.payload)),
    attempt: row.attempt,
    discoveryAt: row.discoveryAt,
    disableImmediateExecution: row.disableImmediateExecution,
    startedAt: row.startedAt,
    createdAt: row.createdAt,
    lastError: row.lastError,
    steps: row.steps.map((step) => ({
      hashedId: step.hashedId,
      name: step.name,
      status: step.status,
      attempt: step.attempt,
      wakeAt: step.wakeAt,
      position: step.position,
      result: step.result === null ? null : memoizedResultSchema.parse(JSON.parse(step.result)),
    })),
  };
}

export type RunSave = {
  id: string;
  owner: string;
  fields: RunFields;
  upsertSteps: readonly StepRecord[];
  /** The run ended: its steps are no longer needed. */
  clearSteps: boolean;
  /** The run failed and its function has an onFailure handler: start it with this event. */
  failure?: { event: StoredEvent; plan: RunPlan };
};

/**
 * Writes a run this engine holds. Returns undefined when it no longer holds it (a singleton
 * cancelled it meanwhile, or its lease expired and another engine took it): nothing is written.
 */
export async function saveRun(db: Db, save: RunSave, now: Date): Promise<{ failureRuns?: RunCreation } | undefined> {
  return db.$transaction(async (tx) => {
    const owned = await tx.workflowRun.updateMany({ where: { id: save.id, leaseOwner: save.owner, status: "RUNNING" }, data: save.fields });
    if (owned.count === 0) return undefined;
    if (save.clearSteps) {
      await tx.workflowStep.deleteMany({ where: { runId: save.id } });
    } else {
      for (const step of save.upsertSteps) {
        const data = {
          name: step.name,
          status: step.status,
          attempt: step.attempt,
          wakeAt: step.wakeAt,
          position: step.position,
          result: step.result === null ? null : JSON.stringify(step.result),
        };
        await tx.workflowStep.upsert({
          where: { runId_hashedId: { runId: save.id, hashedId: step.hashedId } },
          create: { runId: save.id, hashedId: step.hashedId, ...data },
          update: data,
        });
      }
    }
    if (!save.failure) return {};
    await tx.workflowEvent.create({
      data: {
        id: save.failure.event.id,
        name: save.failure.event.name,
        payload: JSON.stringify(save.failure.event.payload),
        processedAt: now,
      },
    });
    return { failureRuns: await createRuns(tx, save.failure.event, [save.failure.plan], now) };
  });
}

export type RunCounts = { queued: number; running: number; sleeping: number; failedSince: number };

/** Active runs by status plus failures since `since`: small index ranges, refreshed now and then. */
export async function countRuns(db: Db, since: Date): Promise<RunCounts> {
  const [active, failedSince] = await Promise.all([
    db.workflowRun.groupBy({ by: ["status"], where: { status: { in: [...ACTIVE_STATUSES] } }, _count: { _all: true } }),
    db.workflowRun.count({ where: { status: "FAILED", endedAt: { gte: since } } }),
  ]);
  const count = (status: WorkflowRunStatus) => active.find((row) => row.status === status)?._count._all ?? 0;
  return { queued: count("QUEUED"), running: count("RUNNING"), sleeping: count("SLEEPING"), failedSince };
}
