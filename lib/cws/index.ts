import { getKeyVault } from "@/lib/crypto";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { CwsClient } from "./client";
import { createDbTokenStore } from "./token-store";

export { CwsClient, type CallOptions, type CwsClientOptions, type ImageCode, type PlaceOrderOutcome } from "./client";
export { CwsAuthError, CwsError, CwsRateLimitError, CwsUnavailableError, type CwsErrorKind } from "./errors";
export { listPriceCents, toAmount, toCents, unitPriceCents } from "./pricing";
export type {
  CwsAccount,
  CwsCode,
  CwsOrder,
  CwsOrderRequest,
  CwsOrderSummary,
  CwsProduct,
  CwsProductPage,
  PriceTier,
} from "./schemas";
export { cwsStatus, type CwsStatus } from "./status";
export { createDbTokenStore, type StoredToken, type TokenStore } from "./token-store";

/** Where the local CWS sandbox listens (`npm start` runs it when CWS_BASE_URL is not set). */
export function localCwsSandboxUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

let client: CwsClient | undefined;

/** The product's CWS client, configured from the environment, its token kept in the database. */
export function getCwsClient(): CwsClient {
  if (!client) {
    const env = getEnv();
    const baseUrl = env.CWS_BASE_URL ?? localCwsSandboxUrl(env.CWS_SANDBOX_PORT);
    client = new CwsClient({
      baseUrl,
      clientId: env.CWS_CLIENT_ID,
      clientSecret: env.CWS_CLIENT_SECRET,
      tokenStore: createDbTokenStore(getDb(), getKeyVault(), { baseUrl, clientId: env.CWS_CLIENT_ID }),
      logger: logger.child({ component: "cws" }),
      timeoutMs: env.CWS_TIMEOUT_MS,
      maxRetries: env.CWS_GET_MAX_RETRIES,
      retryAfterCapSeconds: env.CWS_RETRY_AFTER_CAP_S,
      tokenBufferMaxSeconds: env.CWS_TOKEN_BUFFER_MAX_S,
      priceChangedCodes: env.CWS_PRICE_CHANGED_CODES,
    });
  }
  return client;
}
