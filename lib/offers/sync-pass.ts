import { readKnownCwsBalance } from "@/lib/fulfillment/maintenance";
import type { G2aOffer } from "@/lib/g2a-api";
import { isSellingPaused, readSetting, saveSetting } from "@/lib/settings";
import { heldQuantities } from "@/lib/stock/holds";
import { reading } from "@/lib/stores";
import { readPricingDefaults } from "./defaults";
import type { OfferDeps } from "./deps";
import type { PassContext } from "./plan";
import type { OfferInput } from "./store";
import { syncOffer, type OfferOutcome, type PassG2a } from "./sync-offer";

/** Setting rows of the sync: when our offer list was last read, and the last pass's summary. */
const LISTED_AT = "offerListingAt";
const LAST_PASS = "offerSyncLastPass";

/** What a pass did, as the dashboard shows it. */
export type PassSummary = {
  reason: string;
  startedAt: string;
  durationMs: number;
  offers: number;
  /** How many offers ended each way. */
  outcomes: Record<OfferOutcome, number>;
  /** Whether our offer list was read (to link offers, and see G2A's side). */
  listed: boolean;
  /** Why the pass stopped sending, if it did. */
  halted: string | null;
  /** A problem of the whole pass (the offer list could not be read), or null. */
  problem: string | null;
};

const NO_OUTCOMES = (): Record<OfferOutcome, number> => ({
  unchanged: 0,
  sent: 0,
  waiting: 0,
  stopped: 0,
  failed: 0,
  busy: 0,
  unlinked: 0,
});

/** The switches, balance, defaults, our offer ids and the held units these offers are decided with. */
export async function passContext(deps: OfferDeps, inputs: readonly OfferInput[]): Promise<PassContext> {
  const now = deps.now();
  const cwsIds = [...new Set(inputs.map((input) => input.mapping.cwsProductId))];
  const [sellingPaused, balance, defaults, heldUnits] = await Promise.all([
    isSellingPaused(deps.db),
    readKnownCwsBalance(deps.db),
    readPricingDefaults(deps.db),
    reading(deps.db, (stores) => heldQuantities(stores, cwsIds, { now })),
  ]);
  const ownOfferIds = new Set(
    inputs.flatMap((input) => [input.mapping.g2aOfferId, input.state.offerId]).filter((id): id is string => !!id),
  );
  return {
    sellingPaused,
    balanceCents: balance ? BigInt(balance.totalToUseCents) : null,
    defaults,
    ownOfferIds,
    heldUnits,
  };
}

/**
 * Whether a pass reads our offer list: an enabled mapping has no offer yet, or the last read is
 * older than the configured age (G2A's side may have changed without telling us).
 */
async function listingDue(deps: OfferDeps, inputs: readonly OfferInput[]): Promise<boolean> {
  if (inputs.some((input) => input.mapping.enabled && !input.mapping.g2aOfferId && !input.state.pendingJobId))
    return true;
  const last = await readSetting(deps.db, LISTED_AT);
  return !last || deps.now().getTime() - new Date(last).getTime() >= deps.config.listingMaxAgeMs;
}

async function readListing(
  deps: OfferDeps,
  context: PassContext,
): Promise<{ listing: Map<string, G2aOffer> | null; problem: string | null }> {
  try {
    const client = await deps.client();
    const offers = await client.listOffers(
      {},
      { timeoutMs: deps.config.callTimeoutMs, maxRetries: deps.config.callMaxRetries },
    );
    await saveSetting(deps.db, LISTED_AT, deps.now().toISOString());
    const listing = new Map<string, G2aOffer>();
    for (const offer of offers) {
      listing.set(offer.productId, offer);
      context.ownOfferIds.add(offer.id);
    }
    return { listing, problem: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    deps.log.warn({ reason }, "the offer sync could not read our G2A offer list");
    return { listing: null, problem: `our G2A offer list could not be read: ${reason}` };
  }
}

/** Why no sync can talk to G2A now (no Import API connection configured), or null. */
async function unconnected(deps: OfferDeps): Promise<string | null> {
  try {
    await deps.client();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function skipped(reason: string, started: Date, offers: number, problem: string): PassSummary {
  return {
    reason,
    startedAt: started.toISOString(),
    durationMs: 0,
    offers,
    outcomes: NO_OUTCOMES(),
    listed: false,
    halted: null,
    problem,
  };
}

async function run(
  deps: OfferDeps,
  inputs: OfferInput[],
  options: { reason: string; listing: "due" | "always" | "never" },
): Promise<PassSummary> {
  const started = deps.now();
  // Without a connection nothing is planned or recorded: every offer would only say the same.
  const problem = await unconnected(deps);
  if (problem) return skipped(options.reason, started, inputs.length, problem);
  const context = await passContext(deps, inputs);
  const listed = options.listing === "always" || (options.listing === "due" && (await listingDue(deps, inputs)));
  const { listing, problem: listingProblem } = listed
    ? await readListing(deps, context)
    : { listing: null, problem: null };
  const g2a: PassG2a = { listing, halted: null, unavailableInARow: 0 };
  const outcomes = NO_OUTCOMES();
  for (const input of inputs) {
    try {
      outcomes[await syncOffer(deps, context, g2a, input)]++;
    } catch (error) {
      // One offer's trouble (e.g. the database) never stops the pass.
      outcomes.failed++;
      deps.log.error(
        { err: error, g2aProductId: input.mapping.g2aProductId },
        "the offer sync failed for one offer; the pass goes on",
      );
    }
  }
  return {
    reason: options.reason,
    startedAt: started.toISOString(),
    durationMs: deps.now().getTime() - started.getTime(),
    offers: inputs.length,
    outcomes,
    listed: listing !== null,
    halted: g2a.halted,
    problem: listingProblem,
  };
}

/**
 * One product's input once its CWS snapshot is fresh: a snapshot older than CWS_STOCK_MAX_AGE_SECONDS
 * is read again, so the offer follows what CWS says now.
 */
export async function withFreshStock(deps: OfferDeps, input: OfferInput): Promise<OfferInput> {
  await deps.stock.read([input.mapping.cwsProductId], {
    maxAgeMs: deps.config.stockMaxAgeMs,
    fallbackMaxAgeMs: Number.MAX_SAFE_INTEGER,
    timeoutMs: deps.config.callTimeoutMs,
  });
  return (await reading(deps.db, (stores) => stores.offers.byProduct(input.mapping.g2aProductId))) ?? input;
}

/** A scheduled (or requested) pass over every mapping's offer; its summary is kept for the dashboard. */
export async function runOfferPass(deps: OfferDeps, reason: string): Promise<PassSummary> {
  const inputs = await reading(deps.db, (stores) => stores.offers.all());
  const summary = await run(deps, inputs, { reason, listing: "due" });
  await saveSetting(deps.db, LAST_PASS, JSON.stringify(summary));
  deps.log.info(
    { offers: summary.offers, ...summary.outcomes, durationMs: summary.durationMs, halted: summary.halted },
    "offer sync pass done",
  );
  return summary;
}

/** The last pass's summary, or null before the first. */
export async function readLastPass(deps: Pick<OfferDeps, "db">): Promise<PassSummary | null> {
  const value = await readSetting(deps.db, LAST_PASS);
  return value ? (JSON.parse(value) as PassSummary) : null;
}

/**
 * Syncs one product's offer now (after something changed it, or "Sync now"); reads our offer list
 * first when the mapping has no offer yet. Null when the product is not mapped.
 */
export async function syncProductOffer(
  deps: OfferDeps,
  g2aProductId: string,
  reason: string,
): Promise<{ outcome: OfferOutcome; summary: PassSummary } | null> {
  const mapped = await reading(deps.db, (stores) => stores.offers.byProduct(g2aProductId));
  if (!mapped) return null;
  const problem = await unconnected(deps);
  if (problem) return { outcome: "failed", summary: skipped(reason, deps.now(), 1, problem) };
  const input = await withFreshStock(deps, mapped);
  // One product's sync reads the whole list only to find the product's offer.
  const summary = await run(deps, [input], { reason, listing: input.mapping.g2aOfferId ? "never" : "always" });
  const outcome = (Object.keys(summary.outcomes) as OfferOutcome[]).find((key) => summary.outcomes[key] > 0)!;
  return { outcome, summary };
}
