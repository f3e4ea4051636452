import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/stores";

/**
 * G2A deactivated an offer (`auction_deactivated`, by offer or auction id): its mapping's offer is
 * marked paused by G2A and the sync leaves it off until an admin acknowledges. Null when the offer
 * is not one of our mappings'.
 */
export async function markOfferPausedByG2a(
  db: Db,
  notification: { offerId: string | null; auctionId: string | null; message: string | null },
  at: Date,
): Promise<{ g2aProductId: string } | null> {
  if (!notification.offerId && !notification.auctionId) return null;
  return inTransaction(db, (tx) => {
    const mappingId = tx.offers.mappingOfOffer(notification);
    if (!mappingId) return null;
    tx.offers.pauseByG2a(mappingId, notification.message, at);
    tx.offers.recordDecision(
      mappingId,
      {
        priceCents: null,
        size: null,
        active: false,
        action: "none",
        summary: `G2A deactivated the offer${notification.message ? `: ${notification.message}` : ""}; it stays off until an admin acknowledges`,
        sent: null,
        answer: null,
        ok: false,
      },
      at,
    );
    return { g2aProductId: tx.offers.g2aProductOf(mappingId)! };
  });
}
