// CWS clients send either yyyy-MM-dd or a full ISO date-time; both are read as UTC.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
export const DAY_MS = 86_400_000;

/**
 * Parses a date parameter into epoch milliseconds, or null when it is not a valid date.
 * A date-only value means the start of that day, or its last millisecond when `endOfDay` is set.
 */
export function parseDateParam(value: string, endOfDay = false): number | null {
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const start = Date.parse(`${value}T00:00:00.000Z`);
    // Date.parse rolls 2025-02-30 over into March; a round trip rejects it.
    if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== value) return null;
    return endOfDay ? start + DAY_MS - 1 : start;
  }
  if (!DATE_TIME.test(value)) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const parsed = Date.parse(hasZone ? value : `${value}Z`);
  return Number.isNaN(parsed) ? null : parsed;
}

export function isIsoDateTime(value: string): boolean {
  return DATE_TIME.test(value) && parseDateParam(value) !== null;
}
