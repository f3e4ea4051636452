import { getEnv, type Env } from "@/lib/env";
import { g2aPriceSchema } from "@/lib/g2a/money";
import { MAX_DECLARED_STOCK } from "@/lib/g2a-api";

/** The knobs of the offer sync, from the environment. */
export type OfferSyncConfig = {
  syncIntervalMs: number;
  simulationMaxAgeMs: number;
  priceChangesPerHour: number;
  defaultMinMarginCents: bigint;
  maxUnitCostCents: bigint;
  /** The cap of declared stock when a mapping sets none. */
  maxDeclaredStock: number;
  /** Competitor offers are read again when older than this. */
  competitorMaxAgeMs: number;
  /** Our offer list is read again (to link offers and see G2A's side) when older than this. */
  listingMaxAgeMs: number;
  /** A job still pending after this long is treated as lost. */
  jobLostAfterMs: number;
  /** How long one sync may hold an offer. */
  leaseMs: number;
  /** One product's sync reads CWS again when its snapshot is older than this. */
  stockMaxAgeMs: number;
  /** Each G2A call's budget. */
  callTimeoutMs: number;
  callMaxRetries: number;
};

export function offerSyncConfigFrom(env: Env): OfferSyncConfig {
  return {
    syncIntervalMs: env.G2A_OFFER_SYNC_MINUTES * 60_000,
    simulationMaxAgeMs: env.G2A_SIMULATION_CACHE_HOURS * 3_600_000,
    priceChangesPerHour: env.G2A_API_PRICE_CHANGES_PER_HOUR,
    defaultMinMarginCents: g2aPriceSchema.parse(env.G2A_MIN_MARGIN_EUR),
    maxUnitCostCents: g2aPriceSchema.parse(env.MAX_UNIT_COST_EUR),
    maxDeclaredStock: MAX_DECLARED_STOCK,
    competitorMaxAgeMs: 10 * 60_000,
    listingMaxAgeMs: 60 * 60_000,
    jobLostAfterMs: 30 * 60_000,
    leaseMs: 120_000,
    stockMaxAgeMs: env.CWS_STOCK_MAX_AGE_SECONDS * 1000,
    callTimeoutMs: 10_000,
    callMaxRetries: 2,
  };
}

export function getOfferSyncConfig(): OfferSyncConfig {
  return offerSyncConfigFrom(getEnv());
}
