import { offerPassRequested, offerRetireRequested, offerSyncRequested } from "@/inngest/events";
import { sendEvents as send } from "@/inngest/send";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/logger";
import { reading } from "@/lib/stores";

// Asking the offer sync to look at offers soon. A request that cannot be sent is logged, not
// thrown: the scheduled pass reaches every offer within G2A_OFFER_SYNC_MINUTES anyway.

/** Syncs these products' offers soon (debounced per product). */
export async function requestOfferSync(
  db: Db,
  log: Logger,
  g2aProductIds: readonly string[],
  reason: string,
): Promise<void> {
  const ids = [...new Set(g2aProductIds)];
  if (ids.length === 0) return;
  await send(
    db,
    log,
    ids.map((g2aProductId) => offerSyncRequested.create({ g2aProductId, reason })),
    "an offer sync",
  );
}

/** Syncs the offers of the mappings of these CWS products soon. */
export async function requestOfferSyncForCws(
  db: Db,
  log: Logger,
  cwsProductIds: readonly string[],
  reason: string,
): Promise<void> {
  if (cwsProductIds.length === 0) return;
  const products = await reading(db, (stores) => stores.offers.productsOfCws(cwsProductIds));
  await requestOfferSync(db, log, products, reason);
}

/** A pass over every offer soon. */
export async function requestOfferPass(db: Db, log: Logger, reason: string): Promise<void> {
  await send(db, log, [offerPassRequested.create({ reason })], "an offer sync pass");
}

/** Switches off on G2A the offer of a mapping that was deleted. */
export async function requestOfferRetire(db: Db, log: Logger, offerId: string, g2aProductId: string): Promise<void> {
  await send(db, log, [offerRetireRequested.create({ offerId, g2aProductId })], "switching off a G2A offer");
}
