// Durations as the SDK reports them: a Sleep op names a "time string" (spec §1.3.2, e.g. "30s",
// "1h30m"; the JS SDK rounds anything under a second up to "1s") or, for sleepUntil, an ISO date.

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PART = String.raw`(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)`;

/** Milliseconds of a time string such as "1h30m" or "250ms"; undefined when it is not one. */
export function parseTimeString(text: string): number | undefined {
  if (text === "") return undefined;
  const part = new RegExp(PART, "y");
  let total = 0;
  while (part.lastIndex < text.length) {
    const match = part.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ""] ?? Number.NaN);
  }
  return Number.isFinite(total) ? total : undefined;
}

/** When a sleep given as a time string or an ISO date ends; undefined when it is neither. */
export function sleepEndsAt(spec: string, now: Date): Date | undefined {
  const duration = parseTimeString(spec.trim());
  if (duration !== undefined) return new Date(now.getTime() + duration);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(spec)) return undefined;
  const at = Date.parse(spec);
  return Number.isFinite(at) ? new Date(at) : undefined;
}

/** A Retry-After value: seconds, or an HTTP/ISO date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now.getTime()) : undefined;
}
