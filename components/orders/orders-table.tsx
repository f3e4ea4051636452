import { cellStyles, DataTable, type Column } from "@/components/ui/data-table";
import Link from "next/link";
import { formatDateTime, formatEur } from "./format";
import { NeedsAttentionMarker } from "./needs-attention-marker";
import { OrderStatusBadge } from "./order-status-badge";
import type { OrderSummary } from "./types";

const COLUMNS: readonly Column[] = [
  { label: "G2A order" },
  { label: "Status" },
  { label: "CWS order" },
  { label: "Units", align: "right" },
  { label: "Sale", align: "right" },
  { label: "Cost", align: "right" },
  { label: "Created" },
];

/** One row per order; the G2A order id links to the order's page. */
export function OrdersTable({ orders }: { orders: OrderSummary[] }) {
  return (
    <DataTable columns={COLUMNS} caption="Orders, newest first">
      {orders.map((order) => (
        <tr key={order.id} className="hover:bg-slate-50">
          <td className={cellStyles}>
            <Link
              href={`/orders/${order.id}`}
              className="font-medium text-brand-600 hover:underline focus:outline-none focus:ring-2 focus:ring-brand-500"
            >
              {order.g2aOrderId}
            </Link>
            <div className="font-mono text-xs text-slate-500">{order.id}</div>
          </td>
          <td className={cellStyles}>
            <OrderStatusBadge status={order.status} />
            {order.needsAttention && (
              <div className="mt-1 max-w-xs">
                <NeedsAttentionMarker reason={order.attentionReason} />
              </div>
            )}
          </td>
          <td className={`${cellStyles} text-xs`}>{order.cwsOrderIdentifier ?? order.cwsOrderId ?? "—"}</td>
          <td className={`${cellStyles} text-right tabular-nums`}>{order.units}</td>
          <td className={`${cellStyles} text-right tabular-nums`}>{formatEur(order.saleTotalCents)}</td>
          <td className={`${cellStyles} text-right tabular-nums`}>{formatEur(order.costTotalCents)}</td>
          <td className={`${cellStyles} whitespace-nowrap text-slate-600`}>{formatDateTime(order.createdAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
