import { formatDateTime, humanize } from "@/components/orders/format";
import { cellStyles, DataTable, type Column } from "@/components/ui/data-table";
import type { OfferDecisionRow } from "@/lib/admin/offer-schema";
import { describeSent, formatEuros } from "./format";

const COLUMNS: readonly Column[] = [
  { label: "Time" },
  { label: "Action" },
  { label: "Price / size / active" },
  { label: "Summary" },
  { label: "Sent" },
  { label: "G2A's answer" },
  { label: "OK" },
];

function computed(decision: OfferDecisionRow): string {
  const active = decision.active === null ? "—" : decision.active ? "active" : "inactive";
  return `${formatEuros(decision.price)} / ${decision.size ?? "—"} / ${active}`;
}

/** What the sync decided for the offer, newest first: what it computed, sent, and what G2A answered. */
export function OfferDecisionsTable({ decisions }: { decisions: OfferDecisionRow[] }) {
  if (decisions.length === 0) return <p className="text-sm text-slate-600">No decision recorded yet.</p>;
  return (
    <DataTable columns={COLUMNS} caption="Decisions of the offer sync, newest first">
      {decisions.map((decision) => (
        <tr key={decision.id}>
          <td className={`${cellStyles} whitespace-nowrap`}>
            <time dateTime={decision.at}>{formatDateTime(decision.at)}</time>
          </td>
          <td className={cellStyles}>{humanize(decision.action)}</td>
          <td className={`${cellStyles} whitespace-nowrap tabular-nums`}>{computed(decision)}</td>
          <td className={`${cellStyles} min-w-64`}>{decision.summary}</td>
          <td className={`${cellStyles} min-w-36 text-xs`} title={decision.sent ?? undefined}>
            {describeSent(decision.sent)}
          </td>
          <td className={`${cellStyles} min-w-40 text-xs`}>{decision.answer ?? "—"}</td>
          <td className={cellStyles}>{decision.ok ? "Yes" : <span className="font-medium text-red-700">No</span>}</td>
        </tr>
      ))}
    </DataTable>
  );
}
