import { Wallet } from "lucide-react";
import { formatDateTime, formatEur } from "@/components/orders/format";
import type { Overview } from "@/lib/admin/overview";

/** What is left to spend at CodesWholesale, with a warning when it is low or could not be read. */
export function BalanceCard({
  balance,
  sellingPaused,
  activeReservations,
}: {
  balance: Overview["cwsBalance"];
  sellingPaused: boolean;
  activeReservations: number;
}) {
  const known = "totalToUseCents" in balance ? balance : null;
  return (
    <section aria-labelledby="balance-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="balance-title" className="flex items-center gap-2 font-semibold">
        <Wallet aria-hidden className="h-4 w-4 text-slate-500" />
        CWS balance
      </h2>
      <p className={`text-2xl font-semibold tabular-nums ${known?.low ? "text-red-700" : ""}`}>
        {known ? formatEur(known.totalToUseCents) : "—"}
      </p>
      {known?.low && (
        <p className="text-sm font-medium text-red-700">Low: top up the CWS account before purchases are refused.</p>
      )}
      <p className="text-xs text-slate-500">{known ? `Read ${formatDateTime(known.at)}` : "Not read from CWS yet"}</p>
      {balance.refreshError && <p className="text-sm text-orange-700">{balance.refreshError}</p>}
      <dl className="grid grid-cols-2 gap-2 border-t border-slate-100 pt-3 text-sm">
        <dt className="text-slate-500">Selling</dt>
        <dd className={sellingPaused ? "font-medium text-orange-700" : "font-medium text-emerald-700"}>
          {sellingPaused ? "Paused" : "On"}
        </dd>
        <dt className="text-slate-500">Active reservations</dt>
        <dd className="tabular-nums">{activeReservations}</dd>
      </dl>
    </section>
  );
}
