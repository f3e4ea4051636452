import { cellStyles, DataTable, type Column } from "@/components/ui/data-table";
import { formatDateTime, humanize } from "./format";
import type { PlacementAttempt } from "./types";

const COLUMNS: readonly Column[] = [
  { label: "Round / #" },
  { label: "Outcome" },
  { label: "HTTP / CWS code" },
  { label: "Message" },
  { label: "CWS order" },
  { label: "Started" },
];

/** Each purchase attempt at CWS, by round ("generation") and number, with what CWS answered. */
export function PlacementAttemptsTable({ attempts }: { attempts: PlacementAttempt[] }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-600">No purchase attempted yet.</p>;
  return (
    <DataTable columns={COLUMNS}>
      {attempts.map((attempt) => (
        <tr key={`${attempt.generation}-${attempt.attemptNumber}`}>
          <td className={`${cellStyles} tabular-nums`}>
            {attempt.generation} / {attempt.attemptNumber}
          </td>
          <td className={cellStyles}>{attempt.outcome ? humanize(attempt.outcome) : "No answer"}</td>
          <td className={`${cellStyles} tabular-nums`}>
            {attempt.httpStatus ?? "—"} / {attempt.cwsErrorCode ?? "—"}
          </td>
          <td className={`${cellStyles} min-w-48`}>{attempt.message ?? "—"}</td>
          <td className={`${cellStyles} font-mono text-xs`}>{attempt.cwsOrderId ?? "—"}</td>
          <td className={`${cellStyles} whitespace-nowrap`}>{formatDateTime(attempt.startedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
