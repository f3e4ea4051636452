import Link from "next/link";
import { humanize } from "@/components/orders/format";
import type { Overview } from "@/lib/admin/overview";

/** One card per order status, each leading to the orders list filtered by it. */
export function StatusCounts({ counts }: { counts: Overview["ordersByStatus"] }) {
  return (
    <section aria-labelledby="status-counts-title">
      <h2 id="status-counts-title" className="sr-only">
        Orders per status
      </h2>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {Object.entries(counts).map(([status, count]) => (
          <li key={status}>
            <Link
              href={`/orders?status=${status}`}
              className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-300 focus:outline-none focus:ring-2 focus:ring-brand-500"
            >
              <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">
                {humanize(status)}
              </span>
              <span className="mt-1 block text-2xl font-semibold tabular-nums">{count}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
