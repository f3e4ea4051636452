import { inngest } from "@/inngest/client";
import { offerPassRequested, offerRetireRequested, offerSyncRequested } from "@/inngest/events";
import { getOfferDeps } from "@/lib/offers/deps";
import { retireOffer } from "@/lib/offers/retire";
import { runOfferPass, syncProductOffer } from "@/lib/offers/sync-pass";

/** The pass's schedule: every G2A_OFFER_SYNC_MINUTES (5 unless set; 60 means hourly). */
export function offerPassCron(minutes: string | undefined): string {
  const every = Number.parseInt(minutes ?? "", 10);
  const valid = Number.isInteger(every) && every >= 1 && every <= 60 ? every : 5;
  return every === 60 ? "0 * * * *" : `*/${valid} * * * *`;
}

/** Keeps every G2A offer's price and declared stock right: a scheduled pass, and one on request. */
export const syncG2aOffersCron = inngest.createFunction(
  {
    id: "sync-g2a-offers",
    name: "Sync the G2A offers",
    triggers: [{ cron: offerPassCron(process.env.G2A_OFFER_SYNC_MINUTES) }, offerPassRequested],
    concurrency: { limit: 1 },
    retries: 1,
  },
  async ({ event, step }) => {
    const reason = "data" in event && event.data && "reason" in event.data ? String(event.data.reason) : "scheduled";
    return step.run("pass", () => runOfferPass(getOfferDeps(), reason));
  },
);

/** One product's offer, soon after something changed it; events for one product within 10 s make one run. */
export const syncG2aOffer = inngest.createFunction(
  {
    id: "sync-g2a-offer",
    name: "Sync one G2A offer",
    triggers: [offerSyncRequested],
    debounce: { key: "event.data.g2aProductId", period: "10s", timeout: "1m" },
    // One at a time: G2A's calls share one rate limit, and waiting runs must not hold the engine's
    // slots that order fulfilment needs.
    concurrency: { limit: 1 },
    retries: 2,
  },
  async ({ event, step }) =>
    step.run("sync", async () => {
      const result = await syncProductOffer(getOfferDeps(), event.data.g2aProductId, event.data.reason);
      return result ? { outcome: result.outcome, durationMs: result.summary.durationMs } : { outcome: "not mapped" };
    }),
);

/** The offer of a deleted mapping, switched off on G2A; retried while G2A cannot be reached. */
export const retireG2aOffer = inngest.createFunction(
  {
    id: "retire-g2a-offer",
    name: "Switch off a G2A offer",
    triggers: [offerRetireRequested],
    concurrency: { limit: 1 },
    retries: 5,
  },
  async ({ event, step }) => step.run("switch-off", () => retireOffer(getOfferDeps(), event.data.offerId)),
);
