import type { OfferRow } from "@/lib/admin/offer-schema";
import { OfferStatusBadge } from "./offer-status-badge";

/** The badge, and why the offer is held inactive (stopReason) when it is. */
export function OfferState({ offer }: { offer: OfferRow }) {
  return (
    <div className="space-y-1">
      <OfferStatusBadge status={offer.status} />
      {offer.stopReason && (
        <p className="max-w-56 text-xs text-orange-800">
          <span className="sr-only">Held inactive: </span>
          {offer.stopReason}
        </p>
      )}
      {!offer.mappingEnabled && <p className="text-xs text-slate-500">Mapping disabled</p>}
      {offer.pendingJobId && <p className="text-xs text-blue-800">Waiting for G2A&apos;s job</p>}
    </div>
  );
}
