import { requestClientCredentialsToken } from "@/lib/api-client/client-credentials";
import { TokenCache, type IssuedToken } from "@/lib/api-client/token-cache";
import type { TokenStore } from "@/lib/api-client/token-store";
import type { Logger } from "@/lib/logger";
import { CwsAuthError, CwsUnavailableError } from "./errors";

export type CwsTokenCacheOptions = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  store: TokenStore;
  bufferMaxSeconds: number;
  logger: Logger;
  now?: () => number;
};

/** The CWS access token: the shared token cache, fetching from CWS's token endpoint (§11.1). */
export function createCwsTokenCache(options: CwsTokenCacheOptions): TokenCache {
  return new TokenCache({
    store: options.store,
    bufferMaxSeconds: options.bufferMaxSeconds,
    now: options.now,
    fetchToken: (timeoutMs) => fetchCwsToken(options, timeoutMs),
  });
}

async function fetchCwsToken(options: CwsTokenCacheOptions, timeoutMs: number): Promise<IssuedToken> {
  const outcome = await requestClientCredentialsToken({
    tokenUrl: `${options.baseUrl}/oauth/token`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    timeoutMs,
    logger: options.logger,
    logMessage: "cws call",
  });
  switch (outcome.kind) {
    case "issued":
      return outcome.token;
    case "timeout":
      throw new CwsUnavailableError("CWS token request timed out");
    case "network":
      throw new CwsUnavailableError("CWS token endpoint unreachable", { cause: outcome.error });
    case "refused":
      throw new CwsAuthError(
        `CWS refused our client credentials (HTTP ${outcome.httpStatus}); check CWS_CLIENT_ID and CWS_CLIENT_SECRET`,
        { httpStatus: outcome.httpStatus },
      );
    case "http-error":
      throw new CwsUnavailableError(`CWS token endpoint answered HTTP ${outcome.httpStatus}`, {
        httpStatus: outcome.httpStatus,
      });
    case "unusable":
      throw new CwsUnavailableError("CWS token endpoint answered without a usable token");
  }
}
