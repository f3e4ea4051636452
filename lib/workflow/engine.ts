import { randomBytes, randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/lib/db";
import { logger as rootLogger, type Logger } from "@/lib/logger";
import { recordWorkflowCall } from "@/lib/metrics/record";
import { latestSlot } from "./cron";
import { concurrencySlots, type RegisteredFunction, registerFunctions } from "./functions";
import type { ServeHandler } from "./in-process";
import {
  callRequestBody,
  FUNCTION_FAILED_EVENT,
  type JsonObject,
  SCHEDULED_TIMER_EVENT,
  type StoredError,
} from "./protocol";
import { clearRunningEngine, type EngineState, type RunningEngine, setRunningEngine } from "./registry";
import {
  applyOutcome,
  type CallTarget,
  endDueSleeps,
  memoizedSteps,
  nextCall,
  nextWake,
  runColumns,
  type RunState,
  toRunState,
} from "./run-state";
import { callFunction, type ServeEndpoint, syncFunctions } from "./serve-client";
import {
  claimRun,
  countRuns,
  cronSlotKey,
  dispatchEvent,
  dueRuns,
  fireCron,
  loadCronSlots,
  loadRun,
  pendingEvents,
  type RunCounts,
  type RunCreation,
  type RunPlan,
  type RunRef,
  renewLease,
  saveCronBaseline,
  saveRun,
  type StoredEvent,
} from "./store";

export type WorkflowEngineOptions = {
  db: Db;
  /** The app's serve handler, e.g. http://127.0.0.1:3000/api/inngest (a function: read at each call). */
  serveUrl: string | (() => string);
  /** The key the serve handler's client verifies requests with. */
  signingKey: string;
  /** The serve handler in this process, called directly (same signed protocol) once it is there. */
  inProcess?: () => ServeHandler | undefined;
  /** How often due timers, events from other processes and expired leases are looked for. */
  pollIntervalMs?: number;
  /** Calls under way at once. */
  maxInFlight?: number;
  /** How long a run stays with this engine without a heartbeat (another engine may take it after). */
  leaseMs?: number;
  callTimeoutMs?: number;
  /** Backoff before retry n (0-based): base * 2^n, at most max, with jitter. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** How often the function list is synced again from the serve handler. */
  syncIntervalMs?: number;
  /** How often the run counts of engineState() are refreshed. */
  countIntervalMs?: number;
  /** The clock for timers, cron slots and leases (tests move it). Signatures always use the real time. */
  now?: () => Date;
  logger?: Logger;
  /** This instance's lease owner id. */
  owner?: string;
};

const DEFAULTS = {
  pollIntervalMs: 250,
  maxInFlight: 8,
  leaseMs: 30_000,
  callTimeoutMs: 300_000,
  retryBaseDelayMs: 5_000,
  retryMaxDelayMs: 600_000,
  syncIntervalMs: 60_000,
  countIntervalMs: 5_000,
};

const SYNC_TIMEOUT_MS = 10_000;
const EVENT_BATCH = 100;
const DAY_MS = 86_400_000;

type Settings = typeof DEFAULTS;

/**
 * The embedded workflow engine: drives the app's Inngest functions through their serve handler
 * (the SDK's public HTTP protocol), keeping runs, memoized steps, timers and events in the
 * database. One process's engine, not a distributed one; several instances on one database stay
 * correct (leases, conditional writes) but do not share concurrency limits.
 */
export class WorkflowEngine implements RunningEngine {
  readonly #db: Db;
  readonly #serveUrl: () => string;
  readonly #signingKey: string;
  readonly #inProcess: (() => ServeHandler | undefined) | undefined;
  readonly #settings: Settings;
  readonly #now: () => Date;
  readonly #log: Logger;
  readonly #owner: string;

  #functions: Map<string, RegisteredFunction> | undefined;
  #syncedAt = 0;
  readonly #warned = new Set<string>();
  #reachability: {
    status: EngineState["endpoint"];
    failures: number;
    retryAt: number;
    since: number;
    warnedAt: number;
  } = {
    status: "unknown",
    failures: 0,
    retryAt: 0,
    since: 0,
    warnedAt: 0,
  };

  #running = false;
  #stopping = false;
  #timer: NodeJS.Timeout | undefined;
  #wakeScheduled = false;
  #ticking: Promise<void> | undefined;
  #tickAgain = false;
  #lastTickAt: Date | null = null;

  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #slotUse = new Map<string, number>();
  #cronSlots: Map<string, Date> | undefined;
  /** Real time of the last cron fire: schedules due together are started a poll interval apart. */
  #lastCronFiredAt = 0;
  #counts: { values: RunCounts; at: Date } | undefined;
  #countsDueAt = 0;

  constructor(options: WorkflowEngineOptions) {
    this.#db = options.db;
    const { serveUrl } = options;
    this.#serveUrl = typeof serveUrl === "string" ? () => serveUrl : serveUrl;
    this.#signingKey = options.signingKey;
    this.#inProcess = options.inProcess;
    this.#settings = {
      pollIntervalMs: options.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
      maxInFlight: options.maxInFlight ?? DEFAULTS.maxInFlight,
      leaseMs: options.leaseMs ?? DEFAULTS.leaseMs,
      callTimeoutMs: options.callTimeoutMs ?? DEFAULTS.callTimeoutMs,
      retryBaseDelayMs: options.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs,
      retryMaxDelayMs: options.retryMaxDelayMs ?? DEFAULTS.retryMaxDelayMs,
      syncIntervalMs: options.syncIntervalMs ?? DEFAULTS.syncIntervalMs,
      countIntervalMs: options.countIntervalMs ?? DEFAULTS.countIntervalMs,
    };
    this.#now = options.now ?? (() => new Date());
    this.#owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
    this.#log = (options.logger ?? rootLogger).child({ component: "workflow-engine" });
  }

  /** Starts polling and makes this the engine that inngest.send() wakes in this process. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stopping = false;
    setRunningEngine(this);
    this.#timer = setInterval(() => void this.tick(), this.#settings.pollIntervalMs);
    this.#timer.unref();
    this.#log.info(
      { serveUrl: this.#serveUrl(), owner: this.#owner, maxInFlight: this.#settings.maxInFlight },
      "workflow engine started",
    );
    this.wake();
  }

  /** Stops taking work and waits for the calls under way; their runs are released for the next start. */
  async stop(): Promise<void> {
    if (!this.#running || this.#stopping) return;
    this.#stopping = true;
    clearInterval(this.#timer);
    await this.#ticking;
    await Promise.allSettled([...this.#inFlight.values()]);
    this.#running = false;
    clearRunningEngine(this);
    this.#log.info({ owner: this.#owner }, "workflow engine stopped");
  }

  /** Looks for work at once (new events, a freed slot) instead of at the next poll. */
  wake(): void {
    if (!this.#running || this.#stopping || this.#wakeScheduled) return;
    this.#wakeScheduled = true;
    setImmediate(() => {
      this.#wakeScheduled = false;
      void this.tick();
    });
  }

  /** One scheduling pass: sync, dispatch events, fire crons, start due runs. Resolves when done. */
  tick(): Promise<void> {
    if (!this.#running || this.#stopping) return Promise.resolve();
    if (this.#ticking) {
      this.#tickAgain = true;
      return this.#ticking;
    }
    this.#ticking = (async () => {
      do {
        this.#tickAgain = false;
        await this.#tickOnce();
      } while (this.#tickAgain && !this.#stopping);
    })().finally(() => {
      this.#ticking = undefined;
    });
    return this.#ticking;
  }

  state(): EngineState {
    const counts = this.#counts;
    return {
      mode: "embedded",
      running: this.#running && !this.#stopping,
      endpoint: this.#reachability.status,
      functions: this.#functions?.size ?? 0,
      inFlight: this.#inFlight.size,
      runs: counts
        ? {
            queued: counts.values.queued,
            running: counts.values.running,
            sleeping: counts.values.sleeping,
            failedLast24h: counts.values.failedSince,
          }
        : null,
      countedAt: counts?.at.toISOString() ?? null,
      lastTickAt: this.#lastTickAt?.toISOString() ?? null,
    };
  }

  async #tickOnce(): Promise<void> {
    try {
      const functions = await this.#ensureSynced();
      if (functions) {
        await this.#dispatchEvents(functions);
        await this.#fireCrons(functions);
        await this.#dispatchRuns(functions);
      }
      await this.#refreshCounts();
    } catch (error) {
      this.#log.error({ error: error instanceof Error ? error.message : String(error) }, "workflow engine pass failed");
    }
    this.#lastTickAt = this.#now();
  }

  async #ensureSynced(): Promise<Map<string, RegisteredFunction> | undefined> {
    const fresh = this.#functions !== undefined && Date.now() - this.#syncedAt < this.#settings.syncIntervalMs;
    if (fresh || Date.now() < this.#reachability.retryAt) return this.#functions;
    const result = await syncFunctions(this.#endpoint(), SYNC_TIMEOUT_MS);
    if (!result.ok) {
      this.#unreachable(result.reason);
      return this.#functions;
    }
    const first = this.#functions === undefined;
    this.#functions = registerFunctions(result.functions, (message) => this.#warnOnce(message));
    this.#syncedAt = Date.now();
    this.#reachable();
    if (first) this.#log.info({ functions: [...this.#functions.keys()] }, "workflow engine synced the app's functions");
    return this.#functions;
  }

  #reachable(): void {
    if (this.#reachability.warnedAt > 0) this.#log.info("workflow engine reaches the serve handler again");
    this.#reachability = { status: "ok", failures: 0, retryAt: 0, since: 0, warnedAt: 0 };
  }

  /** The serve handler cannot be used: pause all calls with a growing delay (start-up, restarts). */
  #unreachable(reason: string): void {
    const state = this.#reachability;
    const now = Date.now();
    if (state.status !== "unavailable") state.since = now;
    state.status = "unavailable";
    state.failures += 1;
    state.retryAt = now + Math.min(250 * 2 ** Math.min(state.failures - 1, 5), 5_000);
    // The server is usually just not listening yet: say so only when it lasts.
    if (now - state.since >= 15_000 && now - state.warnedAt >= 60_000) {
      state.warnedAt = now;
      this.#log.warn({ reason, downForMs: now - state.since }, "workflow engine cannot reach the serve handler");
    } else {
      this.#log.debug({ reason }, "workflow engine cannot reach the serve handler yet");
    }
  }

  #warnOnce(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.#log.warn(message);
  }

  #plan(fn: RegisteredFunction, event: JsonObject): RunPlan {
    const { singleton, debounce } = fn;
    return {
      functionId: fn.id,
      ...(singleton && { singleton: { key: singleton.key?.evaluate(event) ?? "", mode: singleton.mode } }),
      ...(debounce && {
        debounce: {
          key: debounce.key?.evaluate(event) ?? "",
          periodMs: debounce.periodMs,
          timeoutMs: debounce.timeoutMs,
        },
      }),
    };
  }

  async #dispatchEvents(functions: Map<string, RegisteredFunction>): Promise<void> {
    const events = await pendingEvents(this.#db, EVENT_BATCH);
    for (const { payload, ...event } of events) {
      if (!payload) {
        this.#log.error(
          { eventId: event.id, eventName: event.name },
          "workflow event is not a JSON object; it starts nothing",
        );
        await dispatchEvent(this.#db, { ...event, payload: {} }, [], this.#now());
        continue;
      }
      const plans = [...functions.values()]
        .filter((fn) => fn.events.includes(event.name))
        .map((fn) => this.#plan(fn, payload));
      const stored = { ...event, payload };
      const result = await dispatchEvent(this.#db, stored, plans, this.#now());
      if (result) this.#logCreation(stored, result);
    }
    if (events.length === EVENT_BATCH) this.#tickAgain = true;
  }

  async #fireCrons(functions: Map<string, RegisteredFunction>): Promise<void> {
    const crons = [...functions.values()].flatMap((fn) => fn.crons.map((cron) => ({ fn, ...cron })));
    if (crons.length === 0) return;
    this.#cronSlots ??= await loadCronSlots(this.#db);
    const now = this.#now();
    for (const { fn, expression, schedule } of crons) {
      const slot = latestSlot(schedule, now);
      if (!slot) continue;
      const key = cronSlotKey(fn.id, expression);
      const last = this.#cronSlots.get(key);
      if (!last) {
        // First sight of this schedule: its current slot has passed already, the next one fires.
        this.#cronSlots.set(key, await saveCronBaseline(this.#db, fn.id, expression, slot, now));
        continue;
      }
      if (slot <= last) continue;
      // Schedules due together start a poll interval apart, the others at a later pass: each run is
      // a few calls through the serve handler, and all at once they hold up G2A's requests.
      if (Date.now() - this.#lastCronFiredAt < this.#settings.pollIntervalMs) return;
      // Only the latest due slot fires, however many passed while the engine was down.
      const id = randomUUID();
      const event: StoredEvent = {
        id,
        name: SCHEDULED_TIMER_EVENT,
        payload: { id, name: SCHEDULED_TIMER_EVENT, data: { cron: expression }, ts: slot.getTime() },
      };
      const result = await fireCron(this.#db, {
        functionId: fn.id,
        schedule: expression,
        slot,
        event,
        plans: [this.#plan(fn, event.payload)],
        now,
      });
      this.#cronSlots.set(key, slot);
      this.#lastCronFiredAt = Date.now();
      if (result) this.#logCreation(event, result);
    }
  }

  #logCancelled(runs: readonly RunRef[], cause: Record<string, string>): void {
    for (const run of runs) {
      this.#log.info(
        { runId: run.id, functionId: run.functionId, ...cause, status: "CANCELLED" },
        "workflow run cancelled by a newer singleton run",
      );
    }
  }

  #logCreation(event: StoredEvent, result: RunCreation): void {
    this.#logCancelled(result.cancelled, { eventId: event.id });
    for (const functionId of result.skipped) {
      this.#log.info(
        { functionId, eventId: event.id, eventName: event.name },
        "workflow event skipped: a singleton run is active",
      );
    }
    for (const run of result.created) {
      this.#log.info(
        {
          runId: run.id,
          functionId: run.functionId,
          eventId: event.id,
          eventName: event.name,
          status: "QUEUED",
          wakeAt: run.wakeAt.toISOString(),
        },
        "workflow run queued",
      );
    }
    for (const run of result.debounced) {
      this.#log.info(
        {
          runId: run.id,
          functionId: run.functionId,
          eventId: event.id,
          eventName: event.name,
          status: "QUEUED",
          wakeAt: run.wakeAt.toISOString(),
        },
        "workflow run debounced: it takes the newer event and starts later",
      );
    }
    if (result.created.length > 0) this.wake();
  }

  async #dispatchRuns(functions: Map<string, RegisteredFunction>): Promise<void> {
    const free = this.#settings.maxInFlight - this.#inFlight.size;
    if (free <= 0 || this.#stopping || Date.now() < this.#reachability.retryAt) return;
    const now = this.#now();
    const candidates = await dueRuns(
      this.#db,
      now,
      [...this.#inFlight.keys()],
      [...functions.keys()],
      Math.max(free * 4, 16),
    );
    for (const candidate of candidates) {
      if (this.#inFlight.size >= this.#settings.maxInFlight || this.#stopping) break;
      const fn = functions.get(candidate.functionId);
      if (!fn) continue;
      const slots = concurrencySlots(fn, candidate.event);
      if (slots.some(({ slot, limit }) => (this.#slotUse.get(slot) ?? 0) >= limit)) continue;
      const claim = await claimRun(this.#db, {
        id: candidate.id,
        owner: this.#owner,
        now,
        leaseUntil: this.#leaseUntil(),
        singletonMode: fn.singleton?.mode,
      });
      if (claim.kind === "skipped") {
        this.#log.info(
          { runId: candidate.id, functionId: fn.id, status: "CANCELLED" },
          "workflow run skipped at its start: a singleton run is active",
        );
      }
      if (claim.kind !== "claimed") continue;
      this.#logCancelled(claim.cancelled, { byRunId: candidate.id });
      for (const { slot } of slots) this.#slotUse.set(slot, (this.#slotUse.get(slot) ?? 0) + 1);
      const task = this.#processRun(candidate.id, fn)
        .catch((error: unknown) => {
          this.#log.error(
            { runId: candidate.id, functionId: fn.id, error: error instanceof Error ? error.message : String(error) },
            "workflow run processing failed; it resumes after its lease",
          );
        })
        .finally(() => {
          for (const { slot } of slots) {
            const left = (this.#slotUse.get(slot) ?? 1) - 1;
            if (left > 0) this.#slotUse.set(slot, left);
            else this.#slotUse.delete(slot);
          }
          this.#inFlight.delete(candidate.id);
          this.wake();
        });
      this.#inFlight.set(candidate.id, task);
    }
  }

  #endpoint(): ServeEndpoint {
    return { url: this.#serveUrl(), signingKey: this.#signingKey, inProcess: this.#inProcess };
  }

  #leaseUntil(): Date {
    return new Date(this.#now().getTime() + this.#settings.leaseMs);
  }

  #backoffMs(attempt: number): number {
    const exponential = Math.min(this.#settings.retryBaseDelayMs * 2 ** attempt, this.#settings.retryMaxDelayMs);
    // Equal jitter: spreads retries of many runs that failed together.
    return Math.round(exponential / 2 + (Math.random() * exponential) / 2);
  }

  #logFields(run: RunState) {
    return { runId: run.id, functionId: run.functionId, eventId: run.eventId, eventName: run.eventName };
  }

  /** Calls a run it holds until it sleeps, waits, ends, or the engine stops; then releases it. */
  async #processRun(runId: string, fn: RegisteredFunction): Promise<void> {
    const loaded = await loadRun(this.#db, runId);
    if (!loaded) return;
    const run = toRunState(loaded);
    const heartbeat = setInterval(
      () => {
        void renewLease(this.#db, run.id, this.#owner, this.#leaseUntil(), this.#now()).catch(() => undefined);
      },
      Math.max(Math.floor(this.#settings.leaseMs / 3), 50),
    );
    heartbeat.unref();
    try {
      if (run.startedAt === null) {
        run.startedAt = this.#now();
        this.#log.info({ ...this.#logFields(run), status: "RUNNING" }, "workflow run started");
      }
      while (!this.#stopping) {
        endDueSleeps(run, this.#now());
        const target = nextCall(run, this.#now());
        if (!target) break;
        const outcome = await this.#call(fn, run, target);
        if (outcome.kind === "unavailable") {
          this.#unreachable(outcome.reason);
          break;
        }
        this.#reachable();
        const verdict = applyOutcome(run, target, outcome, {
          now: this.#now(),
          maxAttempts: fn.maxAttempts,
          backoffMs: (attempt) => this.#backoffMs(attempt),
        });
        if (verdict.kind !== "continue") {
          await this.#finish(run, fn, verdict.kind === "failed" ? verdict.error : undefined);
          return;
        }
        if (verdict.retry) {
          this.#log.warn(
            {
              ...this.#logFields(run),
              status: "QUEUED",
              attempt: verdict.retry.attempt,
              delayMs: verdict.retry.delayMs,
              error: verdict.retry.error.message,
            },
            "workflow run attempt failed; retrying",
          );
        }
        if (!(await this.#save(run, true))) return this.#lost(run);
      }
      if (!(await this.#save(run, false))) return this.#lost(run);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async #call(fn: RegisteredFunction, run: RunState, target: CallTarget) {
    const started = Date.now();
    const outcome = await callFunction(this.#endpoint(), {
      functionId: fn.id,
      stepId: target.kind === "discovery" ? "step" : target.hashedId,
      body: callRequestBody({
        event: run.event,
        runId: run.id,
        attempt: target.attempt,
        maxAttempts: fn.maxAttempts,
        disableImmediateExecution: run.disableImmediateExecution,
        memoized: memoizedSteps(run),
      }),
      timeoutMs: this.#settings.callTimeoutMs,
    });
    recordWorkflowCall(fn.id, Date.now() - started);
    this.#log.debug(
      {
        ...this.#logFields(run),
        stepId: target.kind === "discovery" ? "step" : target.hashedId,
        attempt: target.attempt,
        outcome: outcome.kind,
        durationMs: Date.now() - started,
      },
      "workflow call",
    );
    return outcome;
  }

  /** Saves the run; `hold` keeps it (more calls follow), otherwise it is released queued or sleeping. */
  async #save(run: RunState, hold: boolean): Promise<boolean> {
    const now = this.#now();
    const { wakeAt, sleeping } = nextWake(run);
    const status = hold ? "RUNNING" : sleeping ? "SLEEPING" : "QUEUED";
    const saved = await saveRun(
      this.#db,
      {
        id: run.id,
        owner: this.#owner,
        fields: {
          ...runColumns(run),
          status,
          wakeAt,
          endedAt: null,
          leaseOwner: hold ? this.#owner : null,
          leaseUntil: hold ? this.#leaseUntil() : null,
        },
        upsertSteps: [...run.changed].flatMap((id) => run.steps.get(id) ?? []),
        clearSteps: false,
      },
      now,
    );
    if (!saved) return false;
    run.changed.clear();
    if (status === "SLEEPING") {
      this.#log.info({ ...this.#logFields(run), status, wakeAt: wakeAt?.toISOString() }, "workflow run sleeping");
    }
    return true;
  }

  #lost(run: RunState): void {
    this.#log.info(
      { ...this.#logFields(run) },
      "workflow run was cancelled (or taken over) while it ran; its last result is discarded",
    );
  }

  /** Ends a run; a failure starts its onFailure handler, with the original event and the error. */
  async #finish(run: RunState, fn: RegisteredFunction, error: StoredError | undefined): Promise<void> {
    const now = this.#now();
    const failureId =
      error && fn.failureFunctionId && this.#functions?.has(fn.failureFunctionId) ? fn.failureFunctionId : undefined;
    const failureEventId = randomUUID();
    const failure = failureId
      ? {
          event: {
            id: failureEventId,
            name: FUNCTION_FAILED_EVENT,
            payload: {
              id: failureEventId,
              name: FUNCTION_FAILED_EVENT,
              data: { function_id: fn.id, run_id: run.id, error, event: run.event },
              ts: now.getTime(),
            },
          },
          plan: { functionId: failureId },
        }
      : undefined;
    const saved = await saveRun(
      this.#db,
      {
        id: run.id,
        owner: this.#owner,
        fields: {
          ...runColumns(run),
          status: error ? "FAILED" : "COMPLETED",
          wakeAt: null,
          discoveryAt: null,
          lastError: error?.message ?? run.lastError,
          endedAt: now,
          leaseOwner: null,
          leaseUntil: null,
        },
        upsertSteps: [],
        clearSteps: true,
        ...(failure ? { failure } : {}),
      },
      now,
    );
    if (!saved) return this.#lost(run);
    const durationMs = now.getTime() - (run.startedAt ?? run.createdAt).getTime();
    if (error) {
      this.#log.warn(
        { ...this.#logFields(run), status: "FAILED", attempt: run.attempt, durationMs, error: error.message },
        "workflow run failed",
      );
    } else {
      this.#log.info({ ...this.#logFields(run), status: "COMPLETED", durationMs }, "workflow run completed");
    }
    if (failure && saved.failureRuns) this.#logCreation(failure.event, saved.failureRuns);
  }

  async #refreshCounts(): Promise<void> {
    if (Date.now() < this.#countsDueAt) return;
    this.#countsDueAt = Date.now() + this.#settings.countIntervalMs;
    const now = this.#now();
    this.#counts = { values: await countRuns(this.#db, new Date(now.getTime() - DAY_MS)), at: now };
  }
}
