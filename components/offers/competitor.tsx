import type { OfferRow } from "@/lib/admin/offer-schema";
import { formatEuros } from "./format";

/** The cheapest competitor in stock and where our price ranks (1 = cheapest), when the sync looked. */
export function Competitor({ offer }: { offer: OfferRow }) {
  if (offer.competitorPrice === null) return <span className="text-slate-500">None known</span>;
  return (
    <div>
      <div className="tabular-nums">{formatEuros(offer.competitorPrice)}</div>
      {offer.competitorName && <div className="max-w-40 truncate text-xs text-slate-600">{offer.competitorName}</div>}
      {offer.position !== null && <div className="text-xs text-slate-600">we are #{offer.position}</div>}
    </div>
  );
}
