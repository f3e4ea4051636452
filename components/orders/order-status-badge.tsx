import { humanize } from "./format";
import type { OrderStatus } from "./types";

const TONES: Record<OrderStatus, string> = {
  PENDING: "bg-slate-100 text-slate-800 ring-slate-300",
  PLACING: "bg-blue-50 text-blue-800 ring-blue-200",
  AWAITING_CODES: "bg-amber-50 text-amber-800 ring-amber-200",
  COMPLETED: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  FAILED: "bg-red-50 text-red-800 ring-red-200",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status]}`}
    >
      {humanize(status)}
    </span>
  );
}
