import Link from "next/link";
import { formatDateTime, formatEur } from "./format";
import { NeedsAttentionMarker } from "./needs-attention-marker";
import { OrderStatusBadge } from "./order-status-badge";
import type { OrderSummary } from "./types";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const td = "px-3 py-3 align-top";

/** One row per order; the G2A order id links to the order's page. */
export function OrdersTable({ orders }: { orders: OrderSummary[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Orders, newest first</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              G2A order
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              CWS order
            </th>
            <th scope="col" className={`${th} text-right`}>
              Units
            </th>
            <th scope="col" className={`${th} text-right`}>
              Sale
            </th>
            <th scope="col" className={`${th} text-right`}>
              Cost
            </th>
            <th scope="col" className={th}>
              Created
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {orders.map((order) => (
            <tr key={order.id} className="hover:bg-slate-50">
              <td className={td}>
                <Link href={`/orders/${order.id}`} className="font-medium text-brand-600 hover:underline focus:outline-none focus:ring-2 focus:ring-brand-500">
                  {order.g2aOrderId}
                </Link>
                <div className="font-mono text-xs text-slate-500">{order.id}</div>
              </td>
              <td className={td}>
                <OrderStatusBadge status={order.status} />
                {order.needsAttention && (
                  <div className="mt-1 max-w-xs">
                    <NeedsAttentionMarker reason={order.attentionReason} />
                  </div>
                )}
              </td>
              <td className={`${td} text-xs`}>{order.cwsOrderIdentifier ?? order.cwsOrderId ?? "—"}</td>
              <td className={`${td} text-right tabular-nums`}>{order.units}</td>
              <td className={`${td} text-right tabular-nums`}>{formatEur(order.saleTotalCents)}</td>
              <td className={`${td} text-right tabular-nums`}>{formatEur(order.costTotalCents)}</td>
              <td className={`${td} whitespace-nowrap text-slate-600`}>{formatDateTime(order.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
