import { getEnv, type Env } from "@/lib/env";
import { g2aPriceSchema } from "@/lib/g2a/money";

/** The knobs of reservations, orders and the purchase, from the environment. */
export type FulfillmentConfig = {
  reservationTtlMs: number;
  defaultMinMarginCents: bigint;
  stockMaxAgeMs: number;
  stockReadTimeoutMs: number;
  stockFallbackMaxAgeMs: number;
  orderSyncWaitMs: number;
};

export function fulfillmentConfigFrom(env: Env): FulfillmentConfig {
  return {
    reservationTtlMs: env.RESERVATION_TTL_SECONDS * 1000,
    defaultMinMarginCents: g2aPriceSchema.parse(env.G2A_MIN_MARGIN_EUR),
    stockMaxAgeMs: env.CWS_STOCK_MAX_AGE_SECONDS * 1000,
    stockReadTimeoutMs: env.CWS_STOCK_READ_TIMEOUT_MS,
    stockFallbackMaxAgeMs: env.CWS_STOCK_FALLBACK_MAX_AGE_SECONDS * 1000,
    orderSyncWaitMs: env.ORDER_SYNC_WAIT_MS,
  };
}

export function getFulfillmentConfig(): FulfillmentConfig {
  return fulfillmentConfigFrom(getEnv());
}
