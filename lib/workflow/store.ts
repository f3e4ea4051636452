import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  cached,
  fromSqliteDateTime,
  readSync,
  sqliteDateTime,
  writeSync,
  type Db,
  type SqliteConnection,
} from "@/lib/db";
import type { WorkflowRunStatus, WorkflowStepStatus } from "@/lib/generated/prisma/client";
import { type JsonObject, type MemoizedResult, memoizedResultSchema } from "./protocol";

// Persistence of the embedded engine: events, runs, memoized steps, timers and cron slots.
// Every write that decides something (which engine owns a run, whether an event or a cron slot
// was already dispatched) is a conditional update inside one transaction, so two engine
// instances on the same database never run the same thing twice.
// Every read and write is plain SQL on the client's own connection (`readSync`/`writeSync`), as
// Prisma compiles each query anew on the event loop; dates are stored as Prisma stores them
// (`sqliteDateTime`), every one from the engine's clock, and `updatedAt` is set by hand.

export const ACTIVE_STATUSES = ["QUEUED", "RUNNING", "SLEEPING"] as const satisfies readonly WorkflowRunStatus[];
/** ACTIVE_STATUSES as an SQL list, for the plain-SQL queries below. */
const ACTIVE_SQL = `(${ACTIVE_STATUSES.map((status) => `'${status}'`).join(", ")})`;

export type StoredEvent = { id: string; name: string; payload: JsonObject };

/**
 * A run to create for an event. A singleton key cancels (or is skipped for) the active run with
 * that key. A debounce key makes the run wait: a later event with the same key replaces its event
 * and pushes it back, and singleton applies only when it starts (see claimRun).
 */
export type RunPlan = {
  functionId: string;
  singleton?: { key: string; mode: "skip" | "cancel" };
  debounce?: DebouncePlan;
};

/** The run starts `periodMs` after the last event of `key`, and at most `timeoutMs` after the first. */
export type DebouncePlan = { key: string; periodMs: number; timeoutMs: number | undefined };

export type RunRef = { id: string; functionId: string };

export type RunCreation = {
  created: Array<RunRef & { wakeAt: Date }>;
  /** Waiting debounced runs that took the event instead of a new run, and their new start. */
  debounced: Array<RunRef & { wakeAt: Date }>;
  cancelled: RunRef[];
  skipped: string[];
};

/** How claiming a due run went: a debounced run may be skipped when it starts (singleton skip). */
export type RunClaim = { kind: "claimed"; cancelled: RunRef[] } | { kind: "skipped" } | { kind: "unavailable" };

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
export const SKIPPED_BY_SINGLETON =
  "skipped: a run with the same singleton key was active when this debounced run was due";

const at = (date: Date | null) => (date === null ? null : sqliteDateTime(date));

/** Stores a received event; false when an event with that id was already received. */
export async function insertEvent(db: Db, event: StoredEvent, now: Date): Promise<boolean> {
  const { changes } = await writeSync(db, (sqlite) =>
    cached(
      sqlite,
      `INSERT INTO "WorkflowEvent" (id, name, payload, receivedAt) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(event.id, event.name, JSON.stringify(event.payload), sqliteDateTime(now)),
  );
  return Number(changes) === 1;
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
export async function pendingEvents(
  db: Db,
  limit: number,
): Promise<Array<Omit<StoredEvent, "payload"> & { payload: JsonObject | undefined }>> {
  const rows = await readSync(
    db,
    (sqlite) =>
      cached(
        sqlite,
        `SELECT id, name, payload FROM "WorkflowEvent" WHERE processedAt IS NULL ORDER BY receivedAt ASC LIMIT ?`,
      ).all(limit) as Array<{ id: string; name: string; payload: string }>,
  );
  return rows.map((row) => ({ id: row.id, name: row.name, payload: parsePayload(row.payload) }));
}

/** Ends a run that never gets to finish (singleton): no more calls, and its memoized steps go. */
function cancelRun(sqlite: SqliteConnection, id: string, reason: string, stamp: string): void {
  cached(
    sqlite,
    `UPDATE "WorkflowRun" SET status = 'CANCELLED', endedAt = ?, wakeAt = NULL, discoveryAt = NULL, debounceKey = NULL, leaseOwner = NULL, leaseUntil = NULL, lastError = ?, updatedAt = ? WHERE id = ?`,
  ).run(stamp, reason, stamp, id);
  cached(sqlite, `DELETE FROM "WorkflowStep" WHERE runId = ?`).run(id);
}

/**
 * Applies `singleton` for a run about to start: "skip" when a run with the key is active, else
 * the active runs with the key are cancelled. A debounced run still waiting has not started, so it
 * holds no singleton key.
 */
function applySingleton(
  sqlite: SqliteConnection,
  functionId: string,
  singleton: { key: string; mode: "skip" | "cancel" },
  stamp: string,
  self: string | null,
): { skip: boolean; cancelled: RunRef[] } {
  const active = cached(
    sqlite,
    `SELECT id FROM "WorkflowRun" WHERE functionId = ? AND singletonKey = ? AND status IN ${ACTIVE_SQL} AND debounceKey IS NULL AND id IS NOT ?`,
  ).all(functionId, singleton.key, self) as Array<{ id: string }>;
  if (active.length > 0 && singleton.mode === "skip") return { skip: true, cancelled: [] };
  for (const { id } of active) cancelRun(sqlite, id, CANCELLED_BY_SINGLETON, stamp);
  return { skip: false, cancelled: active.map(({ id }) => ({ id, functionId })) };
}

/** When a debounced run whose first event came at `firstAt` starts, given an event now. */
function debouncedStart(debounce: DebouncePlan, firstAt: Date, now: Date): Date {
  const afterPeriod = now.getTime() + debounce.periodMs;
  return new Date(
    debounce.timeoutMs === undefined ? afterPeriod : Math.min(afterPeriod, firstAt.getTime() + debounce.timeoutMs),
  );
}

/**
 * Gives the event to the run of this function and debounce key that is still waiting for its
 * period, and pushes its start back; undefined when none waits. A run whose start has come is
 * no longer waiting, even before an engine claims it: the event then starts a new wait.
 */
function pushBackWaitingRun(
  sqlite: SqliteConnection,
  event: StoredEvent,
  plan: RunPlan,
  debounce: DebouncePlan,
  now: Date,
): (RunRef & { wakeAt: Date }) | undefined {
  const stamp = sqliteDateTime(now);
  const waiting = cached(
    sqlite,
    `SELECT id, createdAt FROM "WorkflowRun" WHERE functionId = ? AND debounceKey = ? AND status = 'QUEUED' AND wakeAt > ? ORDER BY createdAt ASC LIMIT 1`,
  ).get(plan.functionId, debounce.key, stamp) as { id: string; createdAt: string } | undefined;
  if (!waiting) return undefined;
  const wakeAt = debouncedStart(debounce, fromSqliteDateTime(waiting.createdAt)!, now);
  cached(
    sqlite,
    `UPDATE "WorkflowRun" SET eventId = ?, eventName = ?, singletonKey = ?, wakeAt = ?, updatedAt = ? WHERE id = ?`,
  ).run(event.id, event.name, plan.singleton?.key ?? null, sqliteDateTime(wakeAt), stamp, waiting.id);
  return { id: waiting.id, functionId: plan.functionId, wakeAt };
}

function createRuns(sqlite: SqliteConnection, event: StoredEvent, plans: readonly RunPlan[], now: Date): RunCreation {
  const result: RunCreation = { created: [], debounced: [], cancelled: [], skipped: [] };
  const stamp = sqliteDateTime(now);
  for (const plan of plans) {
    if (plan.debounce) {
      const pushedBack = pushBackWaitingRun(sqlite, event, plan, plan.debounce, now);
      if (pushedBack) {
        result.debounced.push(pushedBack);
        continue;
      }
    } else if (plan.singleton) {
      const { skip, cancelled } = applySingleton(sqlite, plan.functionId, plan.singleton, stamp, null);
      result.cancelled.push(...cancelled);
      if (skip) {
        result.skipped.push(plan.functionId);
        continue;
      }
    }
    const id = randomUUID();
    const wakeAt = plan.debounce ? debouncedStart(plan.debounce, now, now) : now;
    cached(
      sqlite,
      `INSERT INTO "WorkflowRun" (id, functionId, eventId, eventName, status, attempt, wakeAt, discoveryAt, disableImmediateExecution, singletonKey, debounceKey, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'QUEUED', 0, ?, ?, 0, ?, ?, ?, ?)`,
    ).run(
      id,
      plan.functionId,
      event.id,
      event.name,
      sqliteDateTime(wakeAt),
      stamp,
      plan.singleton?.key ?? null,
      plan.debounce?.key ?? null,
      stamp,
      stamp,
    );
    result.created.push({ id, functionId: plan.functionId, wakeAt });
  }
  return result;
}

/** Creates the runs of a received event and marks it dispatched; undefined if another engine did. */
export async function dispatchEvent(
  db: Db,
  event: StoredEvent,
  plans: readonly RunPlan[],
  now: Date,
): Promise<RunCreation | undefined> {
  return writeSync(db, (sqlite) => {
    const marked = cached(
      sqlite,
      `UPDATE "WorkflowEvent" SET processedAt = ? WHERE id = ? AND processedAt IS NULL`,
    ).run(sqliteDateTime(now), event.id);
    if (Number(marked.changes) === 0) return undefined;
    return createRuns(sqlite, event, plans, now);
  });
}

/** The last fired slot of every cron trigger, keyed by function id and schedule. */
export async function loadCronSlots(db: Db): Promise<Map<string, Date>> {
  const rows = await readSync(
    db,
    (sqlite) =>
      cached(sqlite, `SELECT functionId, schedule, lastFireAt FROM "WorkflowCron"`).all() as Array<{
        functionId: string;
        schedule: string;
        lastFireAt: string;
      }>,
  );
  return new Map(rows.map((row) => [cronSlotKey(row.functionId, row.schedule), new Date(row.lastFireAt)]));
}

export function cronSlotKey(functionId: string, schedule: string): string {
  return `${functionId}\u0000${schedule}`;
}

/** Records the current slot of a cron trigger seen for the first time, without firing it. */
export async function saveCronBaseline(
  db: Db,
  functionId: string,
  schedule: string,
  slot: Date,
  now: Date,
): Promise<Date> {
  const row = await writeSync(db, (sqlite) => {
    cached(
      sqlite,
      `INSERT INTO "WorkflowCron" (functionId, schedule, lastFireAt, updatedAt) VALUES (?, ?, ?, ?) ON CONFLICT (functionId, schedule) DO NOTHING`,
    ).run(functionId, schedule, sqliteDateTime(slot), sqliteDateTime(now));
    return cached(sqlite, `SELECT lastFireAt FROM "WorkflowCron" WHERE functionId = ? AND schedule = ?`).get(
      functionId,
      schedule,
    ) as { lastFireAt: string };
  });
  return new Date(row.lastFireAt);
}

/** An event the engine made itself (a cron tick, a failure), stored as already dispatched. */
function insertDispatchedEvent(sqlite: SqliteConnection, event: StoredEvent, now: Date): void {
  const stamp = sqliteDateTime(now);
  cached(sqlite, `INSERT INTO "WorkflowEvent" (id, name, payload, receivedAt, processedAt) VALUES (?, ?, ?, ?, ?)`).run(
    event.id,
    event.name,
    JSON.stringify(event.payload),
    stamp,
    stamp,
  );
}

/** Fires a cron slot once: undefined when this slot (or a later one) was already fired. */
export async function fireCron(
  db: Db,
  input: { functionId: string; schedule: string; slot: Date; event: StoredEvent; plans: readonly RunPlan[]; now: Date },
): Promise<RunCreation | undefined> {
  return writeSync(db, (sqlite) => {
    const slot = sqliteDateTime(input.slot);
    const advanced = cached(
      sqlite,
      `UPDATE "WorkflowCron" SET lastFireAt = ?, updatedAt = ? WHERE functionId = ? AND schedule = ? AND lastFireAt < ?`,
    ).run(slot, sqliteDateTime(input.now), input.functionId, input.schedule, slot);
    if (Number(advanced.changes) === 0) return undefined;
    insertDispatchedEvent(sqlite, input.event, input.now);
    return createRuns(sqlite, input.event, input.plans, input.now);
  });
}

/**
 * Runs of the served functions with work due now that no live engine holds, earliest first, with
 * their event. Runs of a function the app no longer serves wait (it may come back with a deploy).
 */
export async function dueRuns(
  db: Db,
  now: Date,
  exclude: readonly string[],
  functionIds: readonly string[],
  limit: number,
) {
  if (functionIds.length === 0) return [];
  const stamp = sqliteDateTime(now);
  const rows = await readSync(db, (sqlite) => {
    const functions = functionIds.map(() => "?").join(", ");
    const excluded = exclude.length > 0 ? ` AND r.id NOT IN (${exclude.map(() => "?").join(", ")})` : "";
    return cached(
      sqlite,
      `SELECT r.id, r.functionId, e.payload FROM "WorkflowRun" r JOIN "WorkflowEvent" e ON e.id = r.eventId
       WHERE r.status IN ${ACTIVE_SQL} AND r.wakeAt <= ? AND (r.leaseUntil IS NULL OR r.leaseUntil < ?)
         AND r.functionId IN (${functions})${excluded}
       ORDER BY r.wakeAt ASC LIMIT ?`,
    ).all(stamp, stamp, ...functionIds, ...exclude, limit) as Array<{
      id: string;
      functionId: string;
      payload: string;
    }>;
  });
  // Runs are only created for events that parsed, so the fallback is for hand-edited rows.
  return rows.map((row) => ({ id: row.id, functionId: row.functionId, event: parsePayload(row.payload) ?? {} }));
}

/**
 * Takes a due run for this engine until `leaseUntil`; "unavailable" when another engine has it,
 * it ended, or an event pushed it back. A debounced run starts here: it stops taking events (its
 * debounce key is cleared) and its singleton (`singletonMode`, the function's) applies now, as
 * Inngest applies it when the debounce period ends.
 */
export async function claimRun(
  db: Db,
  claim: { id: string; owner: string; now: Date; leaseUntil: Date; singletonMode: "skip" | "cancel" | undefined },
): Promise<RunClaim> {
  const stamp = sqliteDateTime(claim.now);
  return writeSync(db, (sqlite): RunClaim => {
    const due = cached(
      sqlite,
      `SELECT functionId, singletonKey, debounceKey FROM "WorkflowRun"
       WHERE id = ? AND status IN ${ACTIVE_SQL} AND wakeAt <= ? AND (leaseUntil IS NULL OR leaseUntil < ?)`,
    ).get(claim.id, stamp, stamp) as
      { functionId: string; singletonKey: string | null; debounceKey: string | null } | undefined;
    if (!due) return { kind: "unavailable" };
    let cancelled: RunRef[] = [];
    if (due.debounceKey !== null && due.singletonKey !== null && claim.singletonMode) {
      const singleton = { key: due.singletonKey, mode: claim.singletonMode };
      const verdict = applySingleton(sqlite, due.functionId, singleton, stamp, claim.id);
      if (verdict.skip) {
        cancelRun(sqlite, claim.id, SKIPPED_BY_SINGLETON, stamp);
        return { kind: "skipped" };
      }
      cancelled = verdict.cancelled;
    }
    cached(
      sqlite,
      `UPDATE "WorkflowRun" SET status = 'RUNNING', debounceKey = NULL, leaseOwner = ?, leaseUntil = ?, updatedAt = ? WHERE id = ?`,
    ).run(claim.owner, sqliteDateTime(claim.leaseUntil), stamp, claim.id);
    return { kind: "claimed", cancelled };
  });
}

/** Extends the lease of a run this engine holds; false when it no longer does (cancelled, taken over). */
export async function renewLease(db: Db, id: string, owner: string, leaseUntil: Date, now: Date): Promise<boolean> {
  const renewed = await writeSync(db, (sqlite) =>
    cached(
      sqlite,
      `UPDATE "WorkflowRun" SET leaseUntil = ?, updatedAt = ? WHERE id = ? AND leaseOwner = ? AND status = 'RUNNING'`,
    ).run(sqliteDateTime(leaseUntil), sqliteDateTime(now), id, owner),
  );
  return Number(renewed.changes) === 1;
}

type RunRow = {
  id: string;
  functionId: string;
  eventId: string;
  eventName: string;
  payload: string;
  attempt: number | bigint;
  discoveryAt: string | null;
  disableImmediateExecution: number | bigint;
  startedAt: string | null;
  createdAt: string;
  lastError: string | null;
};
type StepRow = {
  hashedId: string;
  name: string | null;
  status: WorkflowStepStatus;
  attempt: number | bigint;
  wakeAt: string | null;
  position: number | bigint | null;
  result: string | null;
};

export async function loadRun(db: Db, id: string): Promise<LoadedRun | undefined> {
  const loaded = await readSync(db, (sqlite) => {
    const row = cached(
      sqlite,
      `SELECT r.id, r.functionId, r.eventId, r.eventName, e.payload, r.attempt, r.discoveryAt, r.disableImmediateExecution, r.startedAt, r.createdAt, r.lastError
       FROM "WorkflowRun" r JOIN "WorkflowEvent" e ON e.id = r.eventId WHERE r.id = ?`,
    ).get(id) as RunRow | undefined;
    if (!row) return undefined;
    const steps = cached(
      sqlite,
      `SELECT hashedId, name, status, attempt, wakeAt, position, result FROM "WorkflowStep" WHERE runId = ?`,
    ).all(id) as StepRow[];
    return { row, steps };
  });
  if (!loaded) return undefined;
  const { row, steps } = loaded;
  return {
    id: row.id,
    functionId: row.functionId,
    eventId: row.eventId,
    eventName: row.eventName,
    event: eventPayloadSchema.parse(JSON.parse(row.payload)),
    attempt: Number(row.attempt),
    discoveryAt: fromSqliteDateTime(row.discoveryAt),
    disableImmediateExecution: Number(row.disableImmediateExecution) === 1,
    startedAt: fromSqliteDateTime(row.startedAt),
    createdAt: fromSqliteDateTime(row.createdAt)!,
    lastError: row.lastError,
    steps: steps.map((step) => ({
      hashedId: step.hashedId,
      name: step.name,
      status: step.status,
      attempt: Number(step.attempt),
      wakeAt: fromSqliteDateTime(step.wakeAt),
      position: step.position === null ? null : Number(step.position),
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
  const { fields } = save;
  return writeSync(db, (sqlite) => {
    const owned = cached(
      sqlite,
      `UPDATE "WorkflowRun" SET status = ?, attempt = ?, wakeAt = ?, discoveryAt = ?, disableImmediateExecution = ?, lastError = ?, startedAt = ?, endedAt = ?, leaseOwner = ?, leaseUntil = ?, updatedAt = ?
       WHERE id = ? AND leaseOwner = ? AND status = 'RUNNING'`,
    ).run(
      fields.status,
      fields.attempt,
      at(fields.wakeAt),
      at(fields.discoveryAt),
      fields.disableImmediateExecution ? 1 : 0,
      fields.lastError,
      at(fields.startedAt),
      at(fields.endedAt),
      fields.leaseOwner,
      at(fields.leaseUntil),
      sqliteDateTime(now),
      save.id,
      save.owner,
    );
    if (Number(owned.changes) === 0) return undefined;
    if (save.clearSteps) {
      cached(sqlite, `DELETE FROM "WorkflowStep" WHERE runId = ?`).run(save.id);
    } else {
      const upsert = cached(
        sqlite,
        `INSERT INTO "WorkflowStep" (runId, hashedId, name, status, attempt, wakeAt, position, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (runId, hashedId) DO UPDATE SET name = excluded.name, status = excluded.status, attempt = excluded.attempt, wakeAt = excluded.wakeAt, position = excluded.position, result = excluded.result`,
      );
      for (const step of save.upsertSteps) {
        upsert.run(
          save.id,
          step.hashedId,
          step.name,
          step.status,
          step.attempt,
          at(step.wakeAt),
          step.position,
          step.result === null ? null : JSON.stringify(step.result),
        );
      }
    }
    if (!save.failure) return {};
    insertDispatchedEvent(sqlite, save.failure.event, now);
    return { failureRuns: createRuns(sqlite, save.failure.event, [save.failure.plan], now) };
  });
}

export type RunCounts = { queued: number; running: number; sleeping: number; failedSince: number };

/** Active runs by status plus failures since `since`: small index ranges, refreshed every few seconds. */
export function countRuns(db: Db, since: Date): Promise<RunCounts> {
  return readSync(db, (sqlite) => {
    const active = cached(
      sqlite,
      `SELECT status, COUNT(*) AS runs FROM "WorkflowRun" WHERE status IN ${ACTIVE_SQL} GROUP BY status`,
    ).all() as Array<{ status: WorkflowRunStatus; runs: bigint }>;
    const failed = cached(
      sqlite,
      `SELECT COUNT(*) AS runs FROM "WorkflowRun" WHERE status = 'FAILED' AND endedAt >= ?`,
    ).get(sqliteDateTime(since)) as { runs: bigint };
    const count = (status: WorkflowRunStatus) => Number(active.find((row) => row.status === status)?.runs ?? 0);
    return {
      queued: count("QUEUED"),
      running: count("RUNNING"),
      sleeping: count("SLEEPING"),
      failedSince: Number(failed.runs),
    };
  });
}

/** Whether the engine is moving: runs due since before `dueBefore` and not started, and any run taken up since `since`. */
export function engineProgress(
  db: Db,
  dueBefore: Date,
  since: Date,
): Promise<{ overdue: number; oldestDueAt: Date | null; progressed: boolean }> {
  return readSync(db, (sqlite) => {
    const due = cached(
      sqlite,
      `SELECT COUNT(*) AS runs, MIN(wakeAt) AS oldest FROM "WorkflowRun" WHERE status IN ('QUEUED', 'SLEEPING') AND wakeAt <= ?`,
    ).get(sqliteDateTime(dueBefore)) as { runs: bigint; oldest: string | null };
    if (Number(due.runs) === 0) return { overdue: 0, oldestDueAt: null, progressed: true };
    // Claiming, sleeping and ending a run all stamp updatedAt; only a new QUEUED run does not mean progress.
    const moved = cached(
      sqlite,
      `SELECT 1 AS moved FROM "WorkflowRun" WHERE updatedAt >= ? AND status != 'QUEUED' LIMIT 1`,
    ).get(sqliteDateTime(since));
    return { overdue: Number(due.runs), oldestDueAt: fromSqliteDateTime(due.oldest), progressed: moved !== undefined };
  });
}
