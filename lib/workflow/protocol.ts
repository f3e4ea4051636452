import { z } from "zod";

// The parts of the Inngest SDK's HTTP protocol the engine relies on (SDK spec §4.3-§5; v4 SDK
// InngestCommHandler.handleAction / runStep and execution/engine.ts). Everything read from the
// serve handler is parsed here; anything unexpected is a protocol error, never a guess.

export const NO_RETRY_HEADER = "x-inngest-no-retry";
export const RETRY_AFTER_HEADER = "retry-after";
export const SYNC_KIND_HEADER = "x-inngest-sync-kind";
export const IN_BAND_SYNC = "in_band";

/** The event that starts an onFailure handler, as the SDK builds its "-failure" function. */
export const FUNCTION_FAILED_EVENT = "inngest/function.failed";
/** The event a cron trigger's run receives. */
export const SCHEDULED_TIMER_EVENT = "inngest/scheduled.timer";
/** The SDK's default when a function sets no `retries` (helpers/consts defaultMaxRetries). */
export const DEFAULT_RETRIES = 3;

/** The ops of a 206 answer (types StepOpCode). */
export const OpCode = {
  StepRun: "StepRun",
  /** The legacy name of StepRun, still accepted. */
  Step: "Step",
  StepError: "StepError",
  StepFailed: "StepFailed",
  StepPlanned: "StepPlanned",
  StepNotFound: "StepNotFound",
  Sleep: "Sleep",
  RunComplete: "RunComplete",
} as const;

export type JsonObject = Record<string, unknown>;

/** An error as stored and sent back to the SDK: name and message only, never a stack. */
export type StoredError = { name: string; message: string };

const errorShape = z.object({
  name: z.string().optional(),
  message: z.string().optional(),
  error: z.string().optional(),
});

/** The SDK's serialized errors carry name and message (and more we do not keep). */
export function toStoredError(value: unknown, fallback: string): StoredError {
  const parsed = errorShape.safeParse(value);
  if (!parsed.success) return { name: "Error", message: fallback };
  return {
    name: parsed.data.name || "Error",
    message: parsed.data.message || parsed.data.error || fallback,
  };
}

/** A memoized step as the call request's `steps` carries it (api/schema stepSchema). */
export type MemoizedResult = { type: "data"; data: unknown } | { type: "error"; error: StoredError };

export const memoizedResultSchema: z.ZodType<MemoizedResult> = z.union([
  z.object({ type: z.literal("data"), data: z.unknown().transform((value) => value ?? null) }),
  z.object({ type: z.literal("error"), error: z.object({ name: z.string(), message: z.string() }) }),
]);

const concurrencyConstraintSchema = z.object({
  limit: z.number().int(),
  key: z.string().optional(),
  scope: z.enum(["fn", "env", "account"]).optional(),
});

/** One function as the in-band sync describes it (InngestFunction.getConfig). */
export const syncedFunctionSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  triggers: z
    .array(
      z.union([
        z.object({ event: z.string().min(1), expression: z.string().optional() }),
        z.object({ cron: z.string().min(1), jitter: z.string().optional() }),
      ]),
    )
    .default([]),
  steps: z
    .record(z.string(), z.object({ retries: z.object({ attempts: z.number().int().min(0).optional() }).optional() }))
    .default({}),
  singleton: z.object({ key: z.string().optional(), mode: z.enum(["skip", "cancel"]) }).optional(),
  concurrency: z
    .union([z.number().int(), concurrencyConstraintSchema, z.array(concurrencyConstraintSchema)])
    .optional(),
  // Time strings such as "5m"; read by the engine (parseTimeString), which warns about others.
  debounce: z.object({ key: z.string().optional(), period: z.string(), timeout: z.string().optional() }).optional(),
  // Options the engine does not implement; read only to warn about them.
  idempotency: z.unknown().optional(),
  batchEvents: z.unknown().optional(),
  rateLimit: z.unknown().optional(),
  throttle: z.unknown().optional(),
  timeouts: z.unknown().optional(),
  priority: z.unknown().optional(),
  cancel: z.unknown().optional(),
});

export type SyncedFunction = z.infer<typeof syncedFunctionSchema>;

/** The answer to an in-band sync (PUT with x-inngest-sync-kind: in_band). */
export const inBandSyncResponseSchema = z.object({
  app_id: z.string(),
  functions: z.array(syncedFunctionSchema),
});

/** One op of a 206 answer (OutgoingOp). */
export const opSchema = z.object({
  id: z.string().min(1),
  op: z.string().min(1),
  name: z.string().optional(),
  displayName: z.string().optional(),
  data: z.unknown().optional(),
  error: z.unknown().optional(),
  opts: z.record(z.string(), z.unknown()).nullish(),
});

export type Op = z.infer<typeof opSchema>;

export const opsResponseSchema = z.array(opSchema).min(1);

/** The body of a call request (spec §4.4.1). `ctx.fn_id` stays out so the SDK never checkpoints. */
export function callRequestBody(input: {
  event: JsonObject;
  runId: string;
  attempt: number;
  maxAttempts: number;
  disableImmediateExecution: boolean;
  /** Memoized steps in the order they completed. */
  memoized: ReadonlyArray<{ hashedId: string; result: MemoizedResult }>;
}) {
  const stack = input.memoized.map((step) => step.hashedId);
  return {
    event: input.event,
    events: [input.event],
    steps: Object.fromEntries(input.memoized.map((step) => [step.hashedId, step.result])),
    ctx: {
      run_id: input.runId,
      attempt: input.attempt,
      max_attempts: input.maxAttempts,
      disable_immediate_execution: input.disableImmediateExecution,
      use_api: false,
      stack: { stack, current: Math.max(stack.length - 1, 0) },
    },
  };
}
