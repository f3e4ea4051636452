import { getEnv, type Env } from "@/lib/env";
import { g2aPriceSchema } from "@/lib/g2a/money";

/** The knobs of reservations, orders and the purchase, from the environment. */
export type FulfillmentConfig = {
  reservationTtlMs: number;
  defaultMinMarginCents: bigint;
  /** The most a unit may cost when neither G2A's unit_price nor our listed price's income limits it (MAX_UNIT_COST_EUR). */
  maxUnitCostCents: bigint;
  stockMaxAgeMs: number;
  stockReadTimeoutMs: number;
  stockFallbackMaxAgeMs: number;
  orderSyncWaitMs: number;
  /** A new order is bought while G2A waits for POST /order (ORDER_PURCHASE_STARTS_IN=request). */
  purchaseInRequest: boolean;
  cwsTimeoutMs: number;
  cwsGetMaxRetries: number;
  /** A placement lease outlives the CWS request it covers, so two runs never place at once. */
  placementLeaseMs: number;
  recoveryFirstWaitMs: number;
  recoverySecondWaitMs: number;
  maxUnknownAttempts: number;
  notReadyAlertMs: number;
  stuckOrderMs: number;
};

export function fulfillmentConfigFrom(env: Env): FulfillmentConfig {
  return {
    reservationTtlMs: env.RESERVATION_TTL_SECONDS * 1000,
    defaultMinMarginCents: g2aPriceSchema.parse(env.G2A_MIN_MARGIN_EUR),
    maxUnitCostCents: g2aPriceSchema.parse(env.MAX_UNIT_COST_EUR),
    stockMaxAgeMs: env.CWS_STOCK_MAX_AGE_SECONDS * 1000,
    stockReadTimeoutMs: env.CWS_STOCK_READ_TIMEOUT_MS,
    stockFallbackMaxAgeMs: env.CWS_STOCK_FALLBACK_MAX_AGE_SECONDS * 1000,
    orderSyncWaitMs: env.ORDER_SYNC_WAIT_MS,
    purchaseInRequest: env.ORDER_PURCHASE_STARTS_IN === "request",
    cwsTimeoutMs: env.CWS_TIMEOUT_MS,
    cwsGetMaxRetries: env.CWS_GET_MAX_RETRIES,
    placementLeaseMs: 2 * env.CWS_TIMEOUT_MS + 30_000,
    recoveryFirstWaitMs: env.CWS_RECOVERY_FIRST_WAIT_MS,
    recoverySecondWaitMs: env.CWS_RECOVERY_SECOND_WAIT_MS,
    maxUnknownAttempts: env.CWS_MAX_UNKNOWN_ATTEMPTS,
    notReadyAlertMs: env.CWS_NOT_READY_ALERT_MIN * 60_000,
    stuckOrderMs: env.STUCK_ORDER_MINUTES * 60_000,
  };
}

export function getFulfillmentConfig(): FulfillmentConfig {
  return fulfillmentConfigFrom(getEnv());
}
