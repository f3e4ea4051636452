import { formatDateTime, humanize } from "./format";
import type { PlacementAttempt } from "./types";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const td = "px-3 py-2 align-top";

/** Each purchase attempt at CWS, by round ("generation") and number, with what CWS answered. */
export function PlacementAttemptsTable({ attempts }: { attempts: PlacementAttempt[] }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-600">No purchase attempted yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              Round / #
            </th>
            <th scope="col" className={th}>
              Outcome
            </th>
            <th scope="col" className={th}>
              HTTP / CWS code
            </th>
            <th scope="col" className={th}>
              Message
            </th>
            <th scope="col" className={th}>
              CWS order
            </th>
            <th scope="col" className={th}>
              Started
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {attempts.map((attempt) => (
            <tr key={`${attempt.generation}-${attempt.attemptNumber}`}>
              <td className={`${td} tabular-nums`}>
                {attempt.generation} / {attempt.attemptNumber}
              </td>
              <td className={td}>{attempt.outcome ? humanize(attempt.outcome) : "No answer"}</td>
              <td className={`${td} tabular-nums`}>
                {attempt.httpStatus ?? "—"} / {attempt.cwsErrorCode ?? "—"}
              </td>
              <td className={`${td} min-w-48`}>{attempt.message ?? "—"}</td>
              <td className={`${td} font-mono text-xs`}>{attempt.cwsOrderId ?? "—"}</td>
              <td className={`${td} whitespace-nowrap`}>{formatDateTime(attempt.startedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
