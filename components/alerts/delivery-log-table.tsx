import { formatDateTime } from "@/components/orders/format";
import { cellStyles, DataTable, type Column } from "@/components/ui/data-table";
import type { AlertDeliveryRow } from "@/lib/admin/alert-schema";
import { EVENT_LABELS } from "./format";

const COLUMNS: readonly Column[] = [
  { label: "Channel" },
  { label: "Event" },
  { label: "Status" },
  { label: "Attempts", align: "right" },
  { label: "Last result" },
  { label: "Next attempt" },
  { label: "Sent at" },
];

const STATUS: Record<AlertDeliveryRow["status"], { label: string; tone: string }> = {
  sent: { label: "Sent", tone: "text-emerald-800" },
  pending: { label: "Pending", tone: "text-amber-800" },
  failed: { label: "Failed", tone: "text-red-700" },
};

function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-slate-500">—</span>;
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {formatDateTime(iso)}
    </time>
  );
}

/** Every message the alert sent to a channel, newest first: why, whether it got through, and what the channel said. */
export function DeliveryLogTable({ deliveries }: { deliveries: AlertDeliveryRow[] }) {
  if (deliveries.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No channel was sent this alert: none takes alerts of its severity, or none was set when it was raised. Admins
        set channels in Settings → Alert channels.
      </p>
    );
  return (
    <DataTable columns={COLUMNS} caption="Deliveries of this alert to the alert channels, newest first">
      {deliveries.map((delivery) => (
        <tr key={delivery.id}>
          <td className={`${cellStyles} font-medium`}>{delivery.channelName}</td>
          <td className={cellStyles}>{EVENT_LABELS[delivery.event] ?? delivery.event}</td>
          <td className={`${cellStyles} font-medium ${STATUS[delivery.status].tone}`}>
            {STATUS[delivery.status].label}
          </td>
          <td className={`${cellStyles} text-right tabular-nums`}>{delivery.attempts}</td>
          <td className={`${cellStyles} min-w-56 text-xs break-words`}>{delivery.lastResult ?? "—"}</td>
          <td className={`${cellStyles} text-xs`}>
            <When iso={delivery.nextAttemptAt} />
          </td>
          <td className={`${cellStyles} text-xs`}>
            <When iso={delivery.sentAt} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
