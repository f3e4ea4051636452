import { toIso } from "../sandbox-kit/dates";

// Times are epoch milliseconds in the state; ISO strings exist only in answers and the state file.

const G2A_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** "2017-07-21T17:32:28Z": the form of G2A's notification dates, without milliseconds. */
export function toIsoSeconds(epochMs: number): string {
  return toIso(epochMs).replace(/\.\d{3}Z$/, "Z");
}

/**
 * Reads `updatedAtFrom`, whose format G2A does not publish: the Export API's "YYYY-MM-DD HH:MM:SS",
 * an ISO date-time or a plain date are all accepted, as UTC unless a zone is given. Null when invalid.
 */
export function parseDateTimeParam(value: string): number | null {
  const text = value.trim();
  if (DATE_ONLY.test(text)) return checkedParse(`${text}T00:00:00Z`, text);
  const match = G2A_DATE_TIME.exec(text);
  if (!match) return null;
  return checkedParse(`${match[1]}T${match[2]}${match[5] ?? "Z"}`, match[1] ?? "");
}

/** Date.parse rolls 2025-02-30 over into March; comparing the day back rejects such dates. */
function checkedParse(iso: string, day: string): number | null {
  const parsed = Date.parse(iso);
  if (Number.isNaN(parsed)) return null;
  const zoned = /([+-]\d{2}:?\d{2})$/.test(iso);
  if (!zoned && toIso(parsed).slice(0, 10) !== day) return null;
  return parsed;
}
