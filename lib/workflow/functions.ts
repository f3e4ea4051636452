import { type CronSchedule, parseCron } from "./cron";
import { parseTimeString } from "./duration";
import { compileKey, type KeyFunction } from "./keys";
import { DEFAULT_RETRIES, FUNCTION_FAILED_EVENT, type SyncedFunction } from "./protocol";

/** One served function as the engine runs it, built from the in-band sync. */
export type RegisteredFunction = {
  id: string;
  /** Event names that start a run (triggers with an `if` expression are not supported). */
  events: string[];
  crons: Array<{ expression: string; schedule: CronSchedule }>;
  /** retries + 1, as ctx.max_attempts counts them. */
  maxAttempts: number;
  singleton?: { key: KeyFunction | undefined; mode: "skip" | "cancel" };
  concurrency: Array<{ key: KeyFunction | undefined; limit: number; scope: string }>;
  /** A run starts `periodMs` after the last event of its key, at most `timeoutMs` after the first. */
  debounce?: { key: KeyFunction | undefined; periodMs: number; timeoutMs: number | undefined };
  /** The id of its onFailure handler (the SDK serves it as "<id>-failure"). */
  failureFunctionId?: string;
};

const UNSUPPORTED_OPTIONS = [
  "idempotency",
  "batchEvents",
  "rateLimit",
  "throttle",
  "timeouts",
  "priority",
  "cancel",
] as const;

/**
 * Turns the synced configuration into what the engine needs. `warn` receives one message per
 * thing the engine cannot honour, so a function never silently behaves differently than written.
 */
export function registerFunctions(
  synced: readonly SyncedFunction[],
  warn: (message: string) => void,
): Map<string, RegisteredFunction> {
  const byId = new Map<string, RegisteredFunction>();
  const failureHandlers = new Map<string, string>();

  for (const config of synced) {
    const events: string[] = [];
    const crons: RegisteredFunction["crons"] = [];
    for (const trigger of config.triggers) {
      if ("cron" in trigger) {
        try {
          crons.push({ expression: trigger.cron, schedule: parseCron(trigger.cron) });
        } catch (error) {
          warn(`function ${config.id}: ${(error as Error).message}; the trigger is ignored`);
        }
        continue;
      }
      if (trigger.event === FUNCTION_FAILED_EVENT) {
        // The SDK's "-failure" function: its expression names the function it handles.
        const handled = /^event\.data\.function_id == '([^']+)'$/.exec(trigger.expression ?? "")?.[1];
        if (handled) failureHandlers.set(handled, config.id);
        continue;
      }
      if (trigger.expression) {
        warn(
          `function ${config.id}: trigger "${trigger.event}" has an if expression, which the embedded engine does not evaluate; the trigger is ignored`,
        );
        continue;
      }
      events.push(trigger.event);
    }
    for (const option of UNSUPPORTED_OPTIONS) {
      if (config[option] !== undefined)
        warn(`function ${config.id}: option "${option}" is not supported by the embedded engine and is ignored`);
    }

    const compile = (expression: string | undefined, what: string) => {
      if (expression === undefined) return undefined;
      const key = compileKey(expression);
      if (!key.supported) {
        warn(
          `function ${config.id}: ${what} key "${expression}" is not a path such as event.data.orderId; one key is used for the whole function`,
        );
      }
      return key;
    };
    const constraints =
      config.concurrency === undefined
        ? []
        : Array.isArray(config.concurrency)
          ? config.concurrency
          : [config.concurrency];
    const retries = config.steps.step?.retries?.attempts ?? DEFAULT_RETRIES;
    const debounce =
      config.debounce && readDebounce(config.debounce, compile, (message) => warn(`function ${config.id}: ${message}`));

    byId.set(config.id, {
      id: config.id,
      events,
      crons,
      maxAttempts: retries + 1,
      singleton: config.singleton && { key: compile(config.singleton.key, "singleton"), mode: config.singleton.mode },
      concurrency: constraints
        .map((constraint) => (typeof constraint === "number" ? { limit: constraint } : constraint))
        .filter((constraint) => constraint.limit > 0)
        .map((constraint) => ({
          key: compile(constraint.key, "concurrency"),
          limit: constraint.limit,
          // Scope "fn" (the default) counts per function; "env" and "account" share the key across functions.
          scope: constraint.scope === "env" || constraint.scope === "account" ? constraint.scope : config.id,
        })),
      debounce,
    });
  }

  for (const [handled, failureId] of failureHandlers) {
    const fn = byId.get(handled);
    if (fn) fn.failureFunctionId = failureId;
  }
  return byId;
}

/** `debounce` as the engine applies it; undefined (debounce ignored) when the period is unreadable. */
function readDebounce(
  debounce: NonNullable<SyncedFunction["debounce"]>,
  compile: (expression: string | undefined, what: string) => KeyFunction | undefined,
  warn: (message: string) => void,
): RegisteredFunction["debounce"] {
  const periodMs = parseTimeString(debounce.period.trim());
  if (!periodMs) {
    warn(`debounce period "${debounce.period}" is not a duration such as "5m"; debounce is ignored`);
    return undefined;
  }
  const timeoutMs = debounce.timeout === undefined ? undefined : parseTimeString(debounce.timeout.trim());
  if (debounce.timeout !== undefined && !timeoutMs) {
    warn(`debounce timeout "${debounce.timeout}" is not a duration such as "10m"; runs are pushed back without limit`);
  }
  return { key: compile(debounce.key, "debounce"), periodMs, timeoutMs: timeoutMs || undefined };
}

/** The concurrency slots a run of `fn` for `event` occupies while it is being called. */
export function concurrencySlots(fn: RegisteredFunction, event: unknown): Array<{ slot: string; limit: number }> {
  return fn.concurrency.map((constraint) => ({
    slot: `${constraint.scope}\u0000${constraint.key?.expression ?? ""}\u0000${constraint.key?.evaluate(event) ?? ""}`,
    limit: constraint.limit,
  }));
}
