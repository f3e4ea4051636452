import { AlertTriangle, CheckCircle2 } from "lucide-react";
import Link from "next/link";
import { formatDateTime } from "@/components/orders/format";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import type { Overview } from "@/lib/admin/overview";

/** Orders a person has to look at (unknown purchase outcome, keys late, stuck), oldest first. */
export function AttentionList({ attention }: { attention: Overview["needsAttention"] }) {
  return (
    <section aria-labelledby="attention-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-center justify-between gap-2">
        <h2 id="attention-title" className="flex items-center gap-2 font-semibold">
          <AlertTriangle aria-hidden className="h-4 w-4 text-orange-600" />
          Needs attention
          <span className="rounded-full bg-orange-50 px-2 text-xs font-medium text-orange-800 ring-1 ring-orange-200">
            {attention.total}
          </span>
        </h2>
        {attention.total > attention.orders.length && (
          <Link href="/orders?needsAttention=true" className="text-sm font-medium text-brand-700 hover:underline">
            See all {attention.total}
          </Link>
        )}
      </div>
      {attention.orders.length === 0 ? (
        <p className="mt-3 flex items-center gap-2 text-sm text-slate-600">
          <CheckCircle2 aria-hidden className="h-4 w-4 text-emerald-600" />
          No order needs attention.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100">
          {attention.orders.map((order) => (
            <li key={order.id} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <Link href={`/orders/${order.id}`} className="font-medium text-brand-700 hover:underline">
                  G2A order {order.g2aOrderId}
                </Link>
                <p className="text-sm text-slate-600">{order.attentionReason ?? "Flagged for a person"}</p>
              </div>
              <div className="flex shrink-0 items-center gap-2 text-xs text-slate-500">
                <OrderStatusBadge status={order.status} />
                <time dateTime={order.updatedAt}>since {formatDateTime(order.updatedAt)}</time>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
