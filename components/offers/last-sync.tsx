import { formatDateTime } from "@/components/orders/format";
import type { OfferRow } from "@/lib/admin/offer-schema";
import { outcomeLabel } from "./format";

const FAILED_TONE = "text-red-700";

/** When the offer was last synced and how it ended; the sync's message under it (whole on hover). */
export function LastSync({ offer, wrap = false }: { offer: OfferRow; wrap?: boolean }) {
  return (
    <div className="min-w-0">
      <div className="whitespace-nowrap">
        <span className={offer.lastOutcome === "failed" ? `font-medium ${FAILED_TONE}` : "font-medium"}>
          {outcomeLabel(offer.lastOutcome)}
        </span>
        {offer.lastSyncAt && (
          <time dateTime={offer.lastSyncAt} className="ml-1 text-xs text-slate-500">
            {formatDateTime(offer.lastSyncAt)}
          </time>
        )}
      </div>
      {offer.lastMessage && (
        <p title={offer.lastMessage} className={`text-xs text-slate-600 ${wrap ? "break-words" : "max-w-52 truncate"}`}>
          {offer.lastMessage}
        </p>
      )}
      {offer.consecutiveFailures >= 2 && (
        <p className={`text-xs ${FAILED_TONE}`}>Failed {offer.consecutiveFailures} times in a row</p>
      )}
    </div>
  );
}
