import { AlertTriangle } from "lucide-react";
import { formatDateTime } from "@/components/orders/format";
import type { PassSummary } from "@/lib/admin/offer-schema";
import { formatDuration, outcomeLabel, PASS_OUTCOMES } from "./format";

/** The last pass over every offer: when, how long, how the offers ended, and whether it stopped sending. */
export function LastPassSummary({ pass }: { pass: PassSummary | null }) {
  if (!pass)
    return (
      <section aria-label="Last sync pass" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <p className="text-slate-600">No sync pass has run yet; the first one runs within a few minutes of start.</p>
      </section>
    );
  const counted = PASS_OUTCOMES.filter((outcome) => pass.outcomes[outcome] > 0);
  return (
    <section aria-label="Last sync pass" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <p>
        <span className="font-medium">Last sync pass</span>{" "}
        <time dateTime={pass.startedAt}>{formatDateTime(pass.startedAt)}</time>, took {formatDuration(pass.durationMs)}{" "}
        ({pass.reason}): {pass.offers} {pass.offers === 1 ? "offer" : "offers"}
        {pass.listed ? ", our G2A offer list read" : ""}.
      </p>
      {counted.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Outcomes of the last pass">
          {counted.map((outcome) => (
            <li key={outcome} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
              {outcomeLabel(outcome)}: <span className="font-medium tabular-nums">{pass.outcomes[outcome]}</span>
            </li>
          ))}
        </ul>
      )}
      {(pass.halted || pass.problem) && (
        <p role="alert" className="flex items-start gap-2 text-orange-900">
          <AlertTriangle aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          <span>
            {pass.halted && <>Stopped sending: {pass.halted}. </>}
            {pass.problem && <>{pass.problem}</>}
          </span>
        </p>
      )}
    </section>
  );
}
