import { formatDateTime } from "@/components/orders/format";
import { cellStyles, DataTable, type Column } from "@/components/ui/data-table";
import type { AuditEntry } from "@/lib/admin/audit-log";
import { AuditTarget } from "./audit-target";
import { shortUserAgent } from "./format";

const COLUMNS: readonly Column[] = [
  { label: "When" },
  { label: "Who" },
  { label: "What" },
  { label: "From where" },
  { label: "Reason" },
  { label: "Details" },
];

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr className="hover:bg-slate-50">
      <td className={`${cellStyles} whitespace-nowrap text-slate-600`}>
        <time dateTime={entry.at} title={entry.at}>
          {formatDateTime(entry.at)}
        </time>
      </td>
      <td className={`${cellStyles} break-words`}>
        {entry.actorEmail ?? <span className="text-slate-500">system</span>}
      </td>
      <td className={cellStyles}>
        <span className="font-mono text-xs font-medium">{entry.action}</span>
        <AuditTarget entry={entry} />
      </td>
      <td className={`${cellStyles} text-xs`}>
        <div className="font-mono">{entry.ip ?? "unknown address"}</div>
        {entry.userAgent && (
          <div className="text-slate-600" title={entry.userAgent}>
            {shortUserAgent(entry.userAgent)}
          </div>
        )}
      </td>
      <td className={`${cellStyles} max-w-64 break-words`}>
        {entry.reason ?? <span className="text-slate-500">—</span>}
      </td>
      <td className={cellStyles}>
        {entry.details === null ? (
          <span className="text-slate-500">—</span>
        ) : (
          <details>
            <summary className="cursor-pointer text-xs text-brand-600 hover:underline focus:outline-none focus:ring-2 focus:ring-brand-500">
              Details
            </summary>
            <pre className="mt-1 max-w-80 overflow-x-auto rounded bg-slate-50 p-2 text-xs">
              {JSON.stringify(entry.details, null, 2)}
            </pre>
          </details>
        )}
      </td>
    </tr>
  );
}

/** Who did what, when, from where and why, newest first. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <DataTable columns={COLUMNS} caption="Audit log, newest first">
      {entries.map((entry) => (
        <AuditRow key={entry.id} entry={entry} />
      ))}
    </DataTable>
  );
}
