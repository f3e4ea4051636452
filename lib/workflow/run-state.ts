import { sleepEndsAt } from "./duration";
import { type MemoizedResult, type Op, OpCode, type StoredError, toStoredError } from "./protocol";
import type { LoadedRun, StepRecord } from "./store";

// What one run knows between calls, and how each answer of the serve handler moves it on. Pure:
// the engine loads the state, calls, applies the answer here, and saves what changed.
//
// A run has two kinds of pending work: the "discovery" call (stepId=step), which replays the
// function with its memoized steps until it reports something new, and planned steps
// (StepPlanned, reported when steps run in parallel), each called by its hashed id. A sleep is
// a timer that memoizes null when it ends. Every kind of call has its own attempt counter, as in
// Inngest: a new step starts again at attempt 0.

export type RunState = Omit<LoadedRun, "steps"> & {
  steps: Map<string, StepRecord>;
  /** Steps written since the last save. */
  changed: Set<string>;
};

export type CallTarget = { kind: "discovery"; attempt: number } | { kind: "step"; hashedId: string; attempt: number };

export type CallOutcome =
  | { kind: "completed" }
  | { kind: "ops"; ops: Op[]; retryAfterMs?: number }
  | { kind: "error"; error: StoredError; retriable: boolean; retryAfterMs?: number }
  /** The serve handler could not be reached or did not prove it is ours: nothing counts as an attempt. */
  | { kind: "unavailable"; reason: string };

export type Verdict =
  | { kind: "continue"; retry?: { attempt: number; delayMs: number; error: StoredError } }
  | { kind: "completed" }
  | { kind: "failed"; error: StoredError };

export type ApplyContext = {
  now: Date;
  maxAttempts: number;
  /** The wait before retrying after failed attempt number `attempt` (0-based). */
  backoffMs: (attempt: number) => number;
};

export function toRunState(run: LoadedRun): RunState {
  return { ...run, steps: new Map(run.steps.map((step) => [step.hashedId, step])), changed: new Set() };
}

/** The columns every save writes from the run's own state. */
export function runColumns(run: RunState) {
  return {
    attempt: run.attempt,
    discoveryAt: run.discoveryAt,
    disableImmediateExecution: run.disableImmediateExecution,
    lastError: run.lastError,
    startedAt: run.startedAt,
  };
}

/** Memoized steps in completion order: the call request's `steps` and `ctx.stack`. */
export function memoizedSteps(run: RunState): Array<{ hashedId: string; result: MemoizedResult }> {
  return [...run.steps.values()]
    .filter((step): step is StepRecord & { result: MemoizedResult } => step.status === "DONE" && step.result !== null)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
    .map((step) => ({ hashedId: step.hashedId, result: step.result }));
}

function setStep(run: RunState, step: StepRecord): void {
  run.steps.set(step.hashedId, step);
  run.changed.add(step.hashedId);
}

/** Records a step's result; false when it was already memoized (an answer repeated, no progress). */
function memoize(run: RunState, hashedId: string, name: string | null, result: MemoizedResult): boolean {
  const existing = run.steps.get(hashedId);
  if (existing?.status === "DONE") return false;
  const position = [...run.steps.values()].filter((step) => step.status === "DONE").length;
  setStep(run, {
    hashedId,
    name: name ?? existing?.name ?? null,
    status: "DONE",
    attempt: existing?.attempt ?? 0,
    wakeAt: null,
    position,
    result,
  });
  return true;
}

function dueNow(run: RunState, now: Date): void {
  if (run.discoveryAt === null || run.discoveryAt > now) run.discoveryAt = now;
}

/** Ends every sleep whose time has come (memoized as null, as Inngest does); returns how many. */
export function endDueSleeps(run: RunState, now: Date): number {
  const due = [...run.steps.values()].filter(
    (step) => step.status === "SLEEPING" && step.wakeAt !== null && step.wakeAt <= now,
  );
  for (const step of due) memoize(run, step.hashedId, step.name, { type: "data", data: null });
  if (due.length > 0) dueNow(run, now);
  return due.length;
}

/** The call to make now: a planned step that is due (earliest first), else a due discovery. */
export function nextCall(run: RunState, now: Date): CallTarget | undefined {
  const planned = [...run.steps.values()]
    .filter((step) => step.status === "PLANNED" && (step.wakeAt === null || step.wakeAt <= now))
    .sort((a, b) => (a.wakeAt?.getTime() ?? 0) - (b.wakeAt?.getTime() ?? 0))[0];
  if (planned) return { kind: "step", hashedId: planned.hashedId, attempt: planned.attempt };
  if (run.discoveryAt !== null && run.discoveryAt <= now) return { kind: "discovery", attempt: run.attempt };
  return undefined;
}

/** When the run next has work, and whether all it waits for is sleeps. */
export function nextWake(run: RunState): { wakeAt: Date | null; sleeping: boolean } {
  const pending = [...run.steps.values()].filter((step) => step.status !== "DONE");
  const times = [run.discoveryAt, ...pending.map((step) => step.wakeAt)].filter((time): time is Date => time !== null);
  const wakeAt = times.length === 0 ? null : new Date(Math.min(...times.map((time) => time.getTime())));
  const sleeping =
    run.discoveryAt === null && pending.length > 0 && pending.every((step) => step.status === "SLEEPING");
  return { wakeAt, sleeping };
}

function scheduleRetry(run: RunState, target: CallTarget, at: Date): void {
  if (target.kind === "discovery") {
    run.attempt = target.attempt + 1;
    run.discoveryAt = at;
    return;
  }
  const step = run.steps.get(target.hashedId);
  if (step) setStep(run, { ...step, attempt: target.attempt + 1, wakeAt: at });
}

/** An attempt failed: retry it after a backoff, or fail the run when it was the last one. */
function retryOrFail(
  run: RunState,
  target: CallTarget,
  error: StoredError,
  retriable: boolean,
  retryAfterMs: number | undefined,
  context: ApplyContext,
): Verdict {
  run.lastError = error.message;
  if (!retriable || target.attempt + 1 >= context.maxAttempts) return { kind: "failed", error };
  const delayMs = retryAfterMs ?? context.backoffMs(target.attempt);
  scheduleRetry(run, target, new Date(context.now.getTime() + delayMs));
  return { kind: "continue", retry: { attempt: target.attempt + 1, delayMs, error } };
}

function stepLabel(op: Op): string | null {
  return op.displayName ?? (op.op === OpCode.Sleep ? null : (op.name ?? null));
}

/** Inngest caps a run at 1,000 steps; so does the engine, which also stops a function looping forever. */
const MAX_STEPS = 1000;

const unsupported = (message: string): Verdict => ({ kind: "failed", error: { name: "NonRetriableError", message } });

function applyOps(
  run: RunState,
  target: CallTarget,
  ops: readonly Op[],
  retryAfterMs: number | undefined,
  context: ApplyContext,
): Verdict {
  const { now } = context;
  let progressed = false;
  let retry: Verdict | undefined;
  // Spec §5.5: once a run reported several steps at once, every later step is planned first.
  if (ops.length > 1) run.disableImmediateExecution = true;

  for (const op of ops) {
    switch (op.op) {
      case OpCode.StepRun:
      case OpCode.Step:
        progressed = memoize(run, op.id, stepLabel(op), { type: "data", data: op.data ?? null }) || progressed;
        break;
      case OpCode.StepFailed: {
        const error = toStoredError(op.error, "step failed");
        progressed = memoize(run, op.id, stepLabel(op), { type: "error", error }) || progressed;
        run.lastError = error.message;
        break;
      }
      case OpCode.StepError: {
        const error = toStoredError(op.error, "step failed");
        const attempt =
          target.kind === "step" && target.hashedId !== op.id ? (run.steps.get(op.id)?.attempt ?? 0) : target.attempt;
        if (attempt + 1 >= context.maxAttempts) {
          // The SDK marks the last attempt StepFailed itself; this covers a handler that did not.
          progressed = memoize(run, op.id, stepLabel(op), { type: "error", error }) || progressed;
          run.lastError = error.message;
        } else {
          retry = retryOrFail(run, target, error, true, retryAfterMs, context);
        }
        break;
      }
      case OpCode.StepPlanned:
        if (!run.steps.has(op.id)) {
          setStep(run, {
            hashedId: op.id,
            name: stepLabel(op),
            status: "PLANNED",
            attempt: 0,
            wakeAt: now,
            position: null,
            result: null,
          });
        }
        break;
      case OpCode.Sleep:
        if (!run.steps.has(op.id)) {
          const spec = op.name ?? (typeof op.opts?.duration === "string" ? op.opts.duration : "");
          const endsAt = sleepEndsAt(spec, now);
          if (!endsAt)
            return unsupported(`step.sleep "${stepLabel(op) ?? op.id}" has an unreadable duration "${spec}"`);
          setStep(run, {
            hashedId: op.id,
            name: stepLabel(op),
            status: "SLEEPING",
            attempt: 0,
            wakeAt: endsAt,
            position: null,
            result: null,
          });
        }
        break;
      case OpCode.StepNotFound:
        // The replay did not reach the planned step (changed code, or a non-deterministic
        // function): an attempt like any other, so it cannot loop forever.
        retry = retryOrFail(
          run,
          target,
          { name: "Error", message: `the function did not reach planned step "${op.id}"` },
          true,
          retryAfterMs,
          context,
        );
        break;
      case OpCode.RunComplete:
        return { kind: "completed" };
      default:
        return unsupported(
          `the embedded workflow engine does not support ${op.op} steps (step "${stepLabel(op) ?? op.id}")`,
        );
    }
  }

  if (run.steps.size > MAX_STEPS)
    return unsupported(`the run has more than ${MAX_STEPS} steps, Inngest's limit for one run`);
  if (retry) return retry;
  if (progressed) {
    dueNow(run, now);
    if (target.kind === "discovery") run.attempt = 0;
  } else if (target.kind === "discovery") {
    // Only new sleeps or planned steps: the run now waits for them.
    run.discoveryAt = null;
  } else {
    return retryOrFail(
      run,
      target,
      { name: "Error", message: "the serve handler returned no result for the planned step" },
      true,
      retryAfterMs,
      context,
    );
  }
  const { wakeAt } = nextWake(run);
  if (wakeAt === null) return unsupported("the function reported no further work and did not finish");
  return { kind: "continue" };
}

/** Applies the answer to one call. */
export function applyOutcome(
  run: RunState,
  target: CallTarget,
  outcome: Exclude<CallOutcome, { kind: "unavailable" }>,
  context: ApplyContext,
): Verdict {
  switch (outcome.kind) {
    case "completed":
      return { kind: "completed" };
    case "error":
      return retryOrFail(run, target, outcome.error, outcome.retriable, outcome.retryAfterMs, context);
    case "ops":
      return applyOps(run, target, outcome.ops, outcome.retryAfterMs, context);
  }
}
