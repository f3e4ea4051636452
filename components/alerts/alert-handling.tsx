import { formatDateTime } from "@/components/orders/format";
import type { AlertRow } from "@/lib/admin/alert-schema";
import { resolutionText } from "./format";

function At({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso} className="block text-xs whitespace-nowrap text-slate-500">
      {formatDateTime(iso)}
    </time>
  );
}

/** Who took the alert on (and their note) and how it ended, with when; a dash while nobody has. */
export function AlertHandling({ alert }: { alert: AlertRow }) {
  const resolved = resolutionText(alert);
  if (!alert.acknowledgedAt && !resolved) return <span className="text-slate-500">—</span>;
  return (
    <div className="space-y-2 break-words">
      {alert.acknowledgedAt && (
        <div>
          <p>Acknowledged{alert.acknowledgedBy ? ` by ${alert.acknowledgedBy}` : ""}</p>
          {alert.acknowledgeNote && <p className="text-slate-700">“{alert.acknowledgeNote}”</p>}
          <At iso={alert.acknowledgedAt} />
        </div>
      )}
      {resolved && alert.resolvedAt && (
        <div>
          <p className="text-emerald-800">{resolved}</p>
          <At iso={alert.resolvedAt} />
        </div>
      )}
    </div>
  );
}
