import { requestClientCredentialsToken } from "@/lib/api-client/client-credentials";
import { TokenCache, type IssuedToken } from "@/lib/api-client/token-cache";
import type { TokenStore } from "@/lib/api-client/token-store";
import type { Logger } from "@/lib/logger";
import { G2aApiAuthError, G2aApiUnavailableError } from "./errors";

/** G2A's peers assume an hour when the token answer carries no lifetime (g2a-import-api.md §1.2). */
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

export type G2aTokenCacheOptions = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  store: TokenStore;
  bufferMaxSeconds: number;
  logger: Logger;
  /** Waits for the rate limiter: the token endpoint counts like any other request. */
  beforeRequest: () => Promise<void>;
  now: () => number;
};

/** The Import API token: the shared token cache, fetching with OAuth2 client credentials from `{base}/oauth/token`. */
export function createG2aTokenCache(options: G2aTokenCacheOptions): TokenCache {
  return new TokenCache({
    store: options.store,
    bufferMaxSeconds: options.bufferMaxSeconds,
    now: options.now,
    fetchToken: async (timeoutMs) => {
      await options.beforeRequest();
      return fetchG2aToken(options, timeoutMs);
    },
  });
}

async function fetchG2aToken(options: G2aTokenCacheOptions, timeoutMs: number): Promise<IssuedToken> {
  const outcome = await requestClientCredentialsToken({
    tokenUrl: `${options.baseUrl}/oauth/token`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    timeoutMs,
    logger: options.logger,
    logMessage: "g2a call",
    defaultExpiresInSeconds: DEFAULT_TOKEN_LIFETIME_SECONDS,
  });
  switch (outcome.kind) {
    case "issued":
      return outcome.token;
    case "timeout":
      throw new G2aApiUnavailableError("G2A token request timed out");
    case "network":
      throw new G2aApiUnavailableError("G2A token endpoint unreachable", { cause: outcome.error });
    case "refused":
      throw new G2aApiAuthError(
        `G2A refused our Import API client credentials (HTTP ${outcome.httpStatus}); check the client id and secret`,
        { httpStatus: outcome.httpStatus },
      );
    case "http-error":
      throw new G2aApiUnavailableError(`G2A token endpoint answered HTTP ${outcome.httpStatus}`, {
        httpStatus: outcome.httpStatus,
      });
    case "unusable":
      throw new G2aApiUnavailableError("G2A token endpoint answered without a usable token");
  }
}
