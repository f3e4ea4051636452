import { isRecord } from "../sandbox-kit/json";
import { ALL_ROUTES } from "../sandbox-kit/route-keys";
import { isApiRouteKey } from "./route-keys";

/**
 * One injected fault. A request takes the first rule whose route matches and that has uses left; the
 * rule then delays the answer (`delayMs`: latency, or a timeout for a client that gives up sooner),
 * replaces it with `status`, and/or breaks its JSON (`malformed`). Malformed without a status means the
 * request is carried out and only its answer is spoiled, as when a proxy truncates a body.
 */
export interface FaultRule {
  route: string;
  status: number | null;
  /** Uses left; -1 until the rules are cleared. */
  count: number;
  /** Retry-After of a 429. */
  retryAfterSeconds: number;
  delayMs: number;
  malformed: boolean;
}

const RULE_FIELDS = ["route", "status", "count", "retryAfterSeconds", "delayMs", "malformed"];
const DEFAULT_RETRY_AFTER_SECONDS = 1;

function integerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/** Validates a list of rules; returns the problem of the first invalid one instead. */
export function parseFaultRules(value: unknown): { ok: true; rules: FaultRule[] } | { ok: false; problem: string } {
  if (!Array.isArray(value)) return { ok: false, problem: "rules must be an array" };
  const rules: FaultRule[] = [];
  for (const [index, raw] of value.entries()) {
    const where = `rules[${index}]`;
    if (!isRecord(raw)) return { ok: false, problem: `${where} must be an object` };
    const unknown = Object.keys(raw).find((key) => !RULE_FIELDS.includes(key));
    if (unknown !== undefined) return { ok: false, problem: `${where}.${unknown} is not a fault field` };
    const { route, status, count, retryAfterSeconds, delayMs, malformed } = raw;
    if (typeof route !== "string" || (route !== ALL_ROUTES && !isApiRouteKey(route)))
      return {
        ok: false,
        problem: `${where}.route must be "${ALL_ROUTES}" or a route key such as "GET /v3/jobs/{jobId}"`,
      };
    if (status !== undefined && !integerIn(status, 400, 599))
      return { ok: false, problem: `${where}.status must be an HTTP status from 400 to 599` };
    if (count !== undefined && count !== -1 && !integerIn(count, 1, Number.MAX_SAFE_INTEGER))
      return { ok: false, problem: `${where}.count must be a positive integer, or -1 for "until cleared"` };
    if (retryAfterSeconds !== undefined && !integerIn(retryAfterSeconds, 0, 86_400))
      return { ok: false, problem: `${where}.retryAfterSeconds must be an integer from 0 to 86400` };
    if (delayMs !== undefined && !integerIn(delayMs, 0, 3_600_000))
      return { ok: false, problem: `${where}.delayMs must be an integer from 0 to 3600000` };
    if (malformed !== undefined && typeof malformed !== "boolean")
      return { ok: false, problem: `${where}.malformed must be true or false` };
    if (status === undefined && !delayMs && malformed !== true)
      return { ok: false, problem: `${where} needs a status, a delayMs or malformed: true` };
    rules.push({
      route,
      status: status ?? null,
      count: count ?? 1,
      retryAfterSeconds: retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
      delayMs: delayMs ?? 0,
      malformed: malformed === true,
    });
  }
  return { ok: true, rules };
}

/** The first rule for this route with uses left, which this request uses up; null when none applies. */
export function takeFault(rules: FaultRule[], routeKey: string): FaultRule | null {
  const rule = rules.find((candidate) => candidate.count !== 0 && [ALL_ROUTES, routeKey].includes(candidate.route));
  if (!rule) return null;
  if (rule.count > 0) rule.count -= 1;
  return rule;
}

/** A label for the request log, such as "status:503+delay:200". */
export function faultLabel(rule: FaultRule): string {
  const parts: string[] = [];
  if (rule.delayMs > 0) parts.push(`delay:${rule.delayMs}`);
  if (rule.status !== null) parts.push(`status:${rule.status}`);
  if (rule.malformed) parts.push("malformed");
  return parts.join("+");
}

const STATUS_ERRORS: Record<number, [code: string, message: string]> = {
  401: ["AUTH02", "Authorization failed"],
  429: ["BR03", "Too many requests"],
  500: ["INTERNAL_SERVER_ERROR", "Internal server error"],
  502: ["BAD_GATEWAY", "Bad gateway"],
  503: ["SERVICE_UNAVAILABLE", "Service unavailable"],
};

export function faultError(status: number): [code: string, message: string] {
  return STATUS_ERRORS[status] ?? [`HTTP_${status}`, "Simulated error"];
}

/** The first half of the answer's JSON: valid UTF-8, invalid JSON. */
export function truncateJson(text: string | undefined): string {
  if (text === undefined || text.length < 2) return "{";
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}
