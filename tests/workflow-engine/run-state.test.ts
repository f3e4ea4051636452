import { describe, expect, it } from "vitest";
import {
  applyOutcome,
  type CallOutcome,
  nextCall,
  nextWake,
  type RunState,
  toRunState,
} from "@/lib/workflow/run-state";

const now = new Date("2030-01-01T00:00:00Z");
const context = { now, maxAttempts: 3, backoffMs: (attempt: number) => 1000 * 2 ** attempt };

function freshRun(): RunState {
  return toRunState({
    id: "run-1",
    functionId: "app-fn",
    eventId: "e-1",
    eventName: "test/e",
    event: { name: "test/e", data: {} },
    attempt: 0,
    discoveryAt: now,
    disableImmediateExecution: false,
    startedAt: now,
    createdAt: now,
    lastError: null,
    steps: [],
  });
}

const ops = (...list: Array<Record<string, unknown>>): Extract<CallOutcome, { kind: "ops" }> => ({
  kind: "ops",
  ops: list.map((op) => ({ id: String(op.id), op: String(op.op), ...op })),
});

describe("run state", () => {
  it("memoizes a step and calls the function again at once", () => {
    const run = freshRun();
    expect(
      applyOutcome(run, { kind: "discovery", attempt: 0 }, ops({ id: "a", op: "StepRun", data: { n: 1 } }), context),
    ).toEqual({ kind: "continue" });
    expect(run.steps.get("a")).toMatchObject({ status: "DONE", position: 0, result: { type: "data", data: { n: 1 } } });
    expect(nextCall(run, now)).toEqual({ kind: "discovery", attempt: 0 });
  });

  it("retries a failed attempt after the backoff (or Retry-After), then memoizes the last error", () => {
    const run = freshRun();
    const stepError = { id: "a", op: "StepError", error: { name: "Error", message: "timeout" } };
    const first = applyOutcome(run, { kind: "discovery", attempt: 0 }, ops(stepError), context);
    expect(first).toMatchObject({ kind: "continue", retry: { attempt: 1, delayMs: 1000 } });
    expect(nextCall(run, now)).toBeUndefined();
    expect(nextWake(run).wakeAt?.toISOString()).toBe("2030-01-01T00:00:01.000Z");

    const second = applyOutcome(
      run,
      { kind: "discovery", attempt: 1 },
      { ...ops(stepError), retryAfterMs: 30_000 },
      context,
    );
    expect(second).toMatchObject({ retry: { attempt: 2, delayMs: 30_000 } });

    applyOutcome(run, { kind: "discovery", attempt: 2 }, ops(stepError), context);
    expect(run.steps.get("a")).toMatchObject({
      status: "DONE",
      result: { type: "error", error: { name: "Error", message: "timeout" } },
    });
    expect(run.attempt).toBe(0);
  });

  it("waits for planned steps and sleeps, and plans every later step once steps ran in parallel", () => {
    const run = freshRun();
    const verdict = applyOutcome(
      run,
      { kind: "discovery", attempt: 0 },
      ops({ id: "a", op: "StepPlanned", displayName: "a" }, { id: "s", op: "Sleep", name: "1m", displayName: "pause" }),
      context,
    );
    expect(verdict).toEqual({ kind: "continue" });
    expect(run.disableImmediateExecution).toBe(true);
    expect(run.discoveryAt).toBeNull();
    expect(nextCall(run, now)).toEqual({ kind: "step", hashedId: "a", attempt: 0 });
    expect(run.steps.get("s")).toMatchObject({
      status: "SLEEPING",
      name: "pause",
      wakeAt: new Date("2030-01-01T00:01:00Z"),
    });
  });

  it("fails a run whose answers stop making progress instead of calling it forever", () => {
    const run = freshRun();
    applyOutcome(run, { kind: "discovery", attempt: 0 }, ops({ id: "a", op: "StepRun", data: 1 }), context);
    const repeated = applyOutcome(
      run,
      { kind: "discovery", attempt: 0 },
      ops({ id: "a", op: "StepRun", data: 1 }),
      context,
    );
    expect(repeated).toMatchObject({
      kind: "failed",
      error: { message: "the function reported no further work and did not finish" },
    });
  });

  it("fails at once on a final error and on steps it cannot run", () => {
    expect(
      applyOutcome(
        freshRun(),
        { kind: "discovery", attempt: 0 },
        { kind: "error", retriable: false, error: { name: "NonRetriableError", message: "gone" } },
        context,
      ),
    ).toEqual({ kind: "failed", error: { name: "NonRetriableError", message: "gone" } });
    expect(
      applyOutcome(freshRun(), { kind: "discovery", attempt: 0 }, ops({ id: "w", op: "InvokeFunction" }), context),
    ).toMatchObject({
      kind: "failed",
    });
    expect(
      applyOutcome(
        freshRun(),
        { kind: "discovery", attempt: 0 },
        ops({ id: "s", op: "Sleep", name: "someday" }),
        context,
      ),
    ).toMatchObject({
      kind: "failed",
    });
  });
});
