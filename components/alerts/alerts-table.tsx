"use client";

import Link from "next/link";
import { formatDateTime } from "@/components/orders/format";
import { cellStyles, DataTable, type Column } from "@/components/ui/data-table";
import type { AlertRow, AlertStateName } from "@/lib/admin/alert-schema";
import { AlertActions, useCanHandleAlerts } from "./alert-actions";
import { AlertHandling } from "./alert-handling";
import { AlertSubjectLink } from "./alert-subject-link";
import { STATE_LABELS } from "./format";
import { SeverityBadge } from "./severity-badge";

function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {formatDateTime(iso)}
    </time>
  );
}

function columnsFor(state: AlertStateName, withActions: boolean): Column[] {
  return [
    { label: "Severity" },
    { label: "Alert" },
    { label: "Subject" },
    { label: "Count", align: "right" },
    { label: "First seen" },
    { label: "Last seen" },
    ...(state === "open" ? [] : [{ label: STATE_LABELS[state] }]),
    ...(withActions && state !== "resolved" ? [{ label: "Actions" }] : []),
  ];
}

/** One page of alerts of one state; an alert's title opens its page, its subject the page to act on. */
export function AlertsTable({ alerts, state }: { alerts: AlertRow[]; state: AlertStateName }) {
  const canHandle = useCanHandleAlerts();
  const columns = columnsFor(state, canHandle);
  return (
    <DataTable columns={columns} caption={`${STATE_LABELS[state]} alerts, most urgent first`}>
      {alerts.map((alert) => (
        <tr key={alert.id} className="hover:bg-slate-50">
          <td className={cellStyles}>
            <SeverityBadge severity={alert.severity} />
          </td>
          <td className={`${cellStyles} min-w-64`}>
            <Link
              href={`/alerts/${alert.id}`}
              className="font-medium text-brand-600 hover:underline focus:outline-none focus:ring-2 focus:ring-brand-500"
            >
              {alert.title}
            </Link>
            <p title={alert.message} className="mt-0.5 line-clamp-2 max-w-xl text-xs text-slate-600">
              {alert.message}
            </p>
          </td>
          <td className={`${cellStyles} min-w-36`}>
            <AlertSubjectLink alert={alert} />
          </td>
          <td className={`${cellStyles} text-right tabular-nums`} title={`Raised ${alert.count} times`}>
            ×{alert.count}
          </td>
          <td className={`${cellStyles} text-xs`}>
            <When iso={alert.firstSeenAt} />
          </td>
          <td className={`${cellStyles} text-xs`}>
            <When iso={alert.lastSeenAt} />
          </td>
          {state !== "open" && (
            <td className={`${cellStyles} min-w-56 text-xs`}>
              <AlertHandling alert={alert} />
            </td>
          )}
          {canHandle && state !== "resolved" && (
            <td className={cellStyles}>
              <AlertActions alert={alert} compact />
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}
