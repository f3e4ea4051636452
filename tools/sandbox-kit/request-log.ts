// The request log: the last requests a sandbox answered, for its control API's state, and the line
// the command line prints for each.

export interface RequestRecord {
  at: string;
  method: string;
  path: string;
  /** null when the connection closed without an answer. */
  status: number | null;
  ms: number;
  /** The faults applied, joined with "+"; null when none was. */
  fault: string | null;
}

export const RECENT_REQUESTS_KEPT = 500;

/** Adds the record and drops the oldest past RECENT_REQUESTS_KEPT. */
export function keepRecent(records: RequestRecord[], record: RequestRecord): void {
  records.push(record);
  if (records.length > RECENT_REQUESTS_KEPT) records.splice(0, records.length - RECENT_REQUESTS_KEPT);
}

/** Time, method, path (never the query, which may hold a client secret), status, duration and faults. */
export function formatLogLine(record: RequestRecord): string {
  const fault = record.fault === null ? "" : ` fault=${record.fault}`;
  return `${record.at} ${record.method} ${record.path} ${record.status ?? "-"} ${record.ms}ms${fault}`;
}
