import { deepMerge, isRecord } from "../sandbox-kit/json";
import {
  fail,
  numberIn,
  objectOf,
  oneOf,
  orNull,
  readBoolean,
  readDocument,
  readObject,
  type Reader,
} from "../sandbox-kit/readers";
import { ALL_ROUTES } from "../sandbox-kit/route-keys";
import type { SeededRandom } from "./random";
import { isApiRouteKey } from "./route-keys";

export interface LatencyFault {
  ms: number;
  jitterMs: number;
  routes: string[];
}
export interface Error5xxFault {
  rate: number;
  status: number;
  routes: string[];
  remaining: number | null;
  /** Sent as Retry-After when `status` is 429 (a "429 storm"). Not in the spec's list; defaults to 1. */
  retryAfterSeconds: number;
}
export interface TimeoutFault {
  rate: number;
  holdMs: number;
  routes: string[];
  remaining: number | null;
}
export const ACCEPT_THEN_FAIL_MODES = ["500", "drop", "hang"] as const;
export type AcceptThenFailMode = (typeof ACCEPT_THEN_FAIL_MODES)[number];
export interface AcceptThenFailFault {
  rate: number;
  mode: AcceptThenFailMode;
  holdMs: number;
  remaining: number | null;
}
export interface RateLimit {
  max: number;
  windowSeconds: number;
}
export interface RateLimitConfig {
  enabled: boolean;
  limits: Record<string, RateLimit>;
}
export interface FaultConfig {
  seed: number | null;
  latency: LatencyFault;
  error5xx: Error5xxFault;
  timeout: TimeoutFault;
  acceptThenFail: AcceptThenFailFault;
  rateLimit: RateLimitConfig;
}

/** A fault that triggers on a share (`rate`) of matching requests, at most `remaining` times. */
export interface SampledFault {
  rate: number;
  remaining: number | null;
  routes?: string[];
}

const DEFAULT_HOLD_MS = 15_000;

export function defaultFaults(rateLimitsEnabled: boolean): FaultConfig {
  return {
    seed: null,
    latency: { ms: 0, jitterMs: 0, routes: [ALL_ROUTES] },
    error5xx: { rate: 0, status: 500, routes: [ALL_ROUTES], remaining: null, retryAfterSeconds: 1 },
    timeout: { rate: 0, holdMs: DEFAULT_HOLD_MS, routes: [ALL_ROUTES], remaining: null },
    acceptThenFail: { rate: 0, mode: "500", holdMs: DEFAULT_HOLD_MS, remaining: null },
    rateLimit: {
      enabled: rateLimitsEnabled,
      limits: {
        "POST /oauth/token": { max: 50, windowSeconds: 300 },
        "GET /v3/products": { max: 400, windowSeconds: 600 },
        "GET /v3/products/{productId}": { max: 600, windowSeconds: 300 },
      },
    },
  };
}

export function routesMatch(routes: readonly string[], routeKey: string): boolean {
  return routes.includes(ALL_ROUTES) || routes.includes(routeKey);
}

/**
 * Decides whether a fault applies to this request and uses up one of its `remaining` triggers if so.
 * Inactive faults draw nothing, so that keys stay the same whether or not unrelated requests happen.
 */
export function sampleFault(fault: SampledFault, routeKey: string, random: SeededRandom): boolean {
  if (fault.routes && !routesMatch(fault.routes, routeKey)) return false;
  if (fault.rate <= 0 || fault.remaining === 0) return false;
  if (random.next() >= fault.rate) return false;
  if (fault.remaining !== null) fault.remaining -= 1;
  return true;
}

const readRate = numberIn(0, 1, false);
const readDurationMs = numberIn(0, 3_600_000, true);
const readRemaining = orNull(numberIn(0, Number.MAX_SAFE_INTEGER, true));

const readRoutes: Reader = (value, where) => {
  if (!Array.isArray(value)) fail(where, `an array of route keys or "${ALL_ROUTES}"`);
  for (const route of value) {
    if (typeof route !== "string" || (route !== ALL_ROUTES && !isApiRouteKey(route)))
      fail(`${where} entry ${JSON.stringify(route)}`, "a known route key");
  }
  return value;
};

/** `limits` entries set to null are removed, so that a merge can lift a limit. */
const readLimits: Reader = (value, where) => {
  if (!isRecord(value)) fail(where, "an object keyed by route");
  const limits: Record<string, unknown> = {};
  for (const [route, limit] of Object.entries(value)) {
    if (limit === null) continue;
    if (!isApiRouteKey(route)) fail(`${where} key ${JSON.stringify(route)}`, "a known route key");
    limits[route] = readObject(limit, `${where}["${route}"]`, {
      max: numberIn(0, Number.MAX_SAFE_INTEGER, true),
      windowSeconds: numberIn(1, 86_400, true),
    });
  }
  return limits;
};

const FAULT_CONFIG_FIELDS: Record<string, Reader> = {
  seed: orNull(numberIn(0, 2 ** 32 - 1, true)),
  latency: objectOf({ ms: readDurationMs, jitterMs: readDurationMs, routes: readRoutes }),
  error5xx: objectOf({
    rate: readRate,
    status: numberIn(400, 599, true),
    routes: readRoutes,
    remaining: readRemaining,
    retryAfterSeconds: numberIn(0, 86_400, true),
  }),
  timeout: objectOf({ rate: readRate, holdMs: readDurationMs, routes: readRoutes, remaining: readRemaining }),
  acceptThenFail: objectOf({
    rate: readRate,
    mode: oneOf(...ACCEPT_THEN_FAIL_MODES),
    holdMs: readDurationMs,
    remaining: readRemaining,
  }),
  rateLimit: objectOf({
    enabled: readBoolean,
    limits: readLimits,
  }),
};

/**
 * Merges a partial configuration into the current one; the result is validated as a whole. The readers in
 * FAULT_CONFIG_FIELDS mirror FaultConfig field by field, which is what makes the final cast sound.
 */
export function mergeFaults(
  current: FaultConfig,
  patch: unknown,
): { ok: true; config: FaultConfig } | { ok: false; problem: string } {
  if (!isRecord(patch)) return { ok: false, problem: "the fault configuration must be a JSON object" };
  const read = readDocument(deepMerge(current, patch), "faults", FAULT_CONFIG_FIELDS);
  return read.ok ? { ok: true, config: read.value as unknown as FaultConfig } : read;
}
