import { type WorkflowMode, workflowMode } from "./mode";

/** What /api/health and the dashboard see of the workflow engine, from its last known state. */
export type EngineState = {
  mode: WorkflowMode;
  /** An embedded engine runs in this process. */
  running: boolean;
  /** Whether the engine reaches the serve handler: unknown until its first sync. */
  endpoint: "unknown" | "ok" | "unavailable";
  /** Functions the serve handler reported at the last sync. */
  functions: number;
  /** Calls under way right now. */
  inFlight: number;
  /** Run counts as of `countedAt` (refreshed every few seconds, never per probe). */
  runs: { queued: number; running: number; sleeping: number; failedLast24h: number } | null;
  countedAt: string | null;
  lastTickAt: string | null;
};

/** The parts of a running engine other module instances use. */
export type RunningEngine = { wake(): void; state(): EngineState };

// Next.js loads instrumentation.ts and each route into separate module instances of this file;
// globalThis is what they share within the server process.
const holder = globalThis as typeof globalThis & { __workflowEngine?: RunningEngine };

export function runningEngine(): RunningEngine | undefined {
  return holder.__workflowEngine;
}

export function setRunningEngine(engine: RunningEngine): void {
  holder.__workflowEngine = engine;
}

export function clearRunningEngine(engine: RunningEngine): void {
  if (holder.__workflowEngine === engine) delete holder.__workflowEngine;
}

/** The engine's state, or what is known without one (Inngest mode, or not started in this process). */
export function engineState(): EngineState {
  return (
    runningEngine()?.state() ?? {
      mode: workflowMode(),
      running: false,
      endpoint: "unknown",
      functions: 0,
      inFlight: 0,
      runs: null,
      countedAt: null,
      lastTickAt: null,
    }
  );
}
