import type { OfferStatus } from "@/lib/admin/offer-schema";
import { STATUS_LABELS } from "./format";

const TONES: Record<OfferStatus, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  inactive: "bg-slate-100 text-slate-800 ring-slate-300",
  no_offer: "bg-white text-slate-700 ring-slate-300",
  creating: "bg-blue-50 text-blue-800 ring-blue-200",
  paused_by_g2a: "bg-red-50 text-red-800 ring-red-200",
  paused_by_staff: "bg-amber-50 text-amber-800 ring-amber-200",
};

/** The offer's state in one word: Active, Inactive, No offer, Creating, Paused by G2A or by staff. */
export function OfferStatusBadge({ status }: { status: OfferStatus }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status]}`}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}
