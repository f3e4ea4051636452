import { z } from "zod";
import type { Logger } from "@/lib/logger";
import { exchange, parseJson } from "./exchange";
import { TokenCache, type IssuedToken } from "./token-cache";
import type { TokenStore } from "./token-store";

/**
 * An OAuth2 token answer: `access_token`/`expires_in` (the standard), or `value`/`expiresIn` as some
 * partners model it. Without a lifetime the answer is unusable unless a default lifetime is given.
 */
export function tokenResponseSchemaWith(defaultExpiresInSeconds?: number) {
  return z
    .object({
      access_token: z.string().min(1).optional(),
      value: z.string().min(1).optional(),
      expires_in: z.coerce.number().int().positive().optional(),
      expiresIn: z.coerce.number().int().positive().optional(),
    })
    .transform((raw, ctx): IssuedToken => {
      const accessToken = raw.access_token ?? raw.value;
      const expiresIn = raw.expires_in ?? raw.expiresIn ?? defaultExpiresInSeconds;
      if (!accessToken || !expiresIn) {
        ctx.addIssue({ code: "custom", message: "token response without access_token or expires_in" });
        return z.NEVER;
      }
      return { accessToken, expiresInSeconds: expiresIn };
    });
}

export const tokenResponseSchema = tokenResponseSchemaWith();

/** What became of one token request; the partner's client turns it into its own error. */
export type TokenRequestOutcome =
  | { kind: "issued"; token: IssuedToken }
  /** 400 or 401: the credentials were refused. */
  | { kind: "refused"; httpStatus: number }
  | { kind: "timeout" }
  | { kind: "network"; error: unknown }
  | { kind: "http-error"; httpStatus: number }
  | { kind: "unusable" };

export type TokenRequest = {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  logger: Logger;
  /** The message of the debug line logged for the exchange, e.g. "cws call". */
  logMessage: string;
  defaultExpiresInSeconds?: number;
};

/** OAuth2 client credentials, form-encoded. The secret travels in the body only, never in a log line. */
export async function requestClientCredentialsToken(request: TokenRequest): Promise<TokenRequestOutcome> {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: request.clientId,
    client_secret: request.clientSecret,
  });
  const result = await exchange({
    method: "POST",
    url: request.tokenUrl,
    headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
    body: body.toString(),
    timeoutMs: request.timeoutMs,
  });
  request.logger.debug(
    {
      route: "POST /oauth/token",
      outcome: result.kind,
      status: result.kind === "response" ? result.status : undefined,
      ms: result.ms,
    },
    request.logMessage,
  );
  if (result.kind === "timeout") return { kind: "timeout" };
  if (result.kind === "network") return { kind: "network", error: result.error };
  if (result.status === 400 || result.status === 401) return { kind: "refused", httpStatus: result.status };
  if (result.status < 200 || result.status >= 300) return { kind: "http-error", httpStatus: result.status };
  const parsed = tokenResponseSchemaWith(request.defaultExpiresInSeconds).safeParse(parseJson(result.text));
  return parsed.success ? { kind: "issued", token: parsed.data } : { kind: "unusable" };
}

/** How a partner's client names itself and builds its errors, for `issuedToken`. */
export type TokenErrors = {
  /** "CWS", "G2A". */
  partner: string;
  /** What to check when the credentials are refused, e.g. "check CWS_CLIENT_ID and CWS_CLIENT_SECRET". */
  refusedHint: string;
  /** Words before "client credentials" in the refusal, e.g. "Import API" (default none). */
  credentialsName?: string;
  unavailable: (message: string, details: { httpStatus?: number; cause?: unknown }) => Error;
  refused: (message: string, details: { httpStatus: number }) => Error;
};

/** The token of an outcome, or the partner client's own error saying in words what went wrong. */
export function issuedToken(outcome: TokenRequestOutcome, errors: TokenErrors): IssuedToken {
  const { partner } = errors;
  switch (outcome.kind) {
    case "issued":
      return outcome.token;
    case "timeout":
      throw errors.unavailable(`${partner} token request timed out`, {});
    case "network":
      throw errors.unavailable(`${partner} token endpoint unreachable`, { cause: outcome.error });
    case "refused": {
      const credentials = errors.credentialsName
        ? `${errors.credentialsName} client credentials`
        : "client credentials";
      throw errors.refused(
        `${partner} refused our ${credentials} (HTTP ${outcome.httpStatus}); ${errors.refusedHint}`,
        {
          httpStatus: outcome.httpStatus,
        },
      );
    }
    case "http-error":
      throw errors.unavailable(`${partner} token endpoint answered HTTP ${outcome.httpStatus}`, {
        httpStatus: outcome.httpStatus,
      });
    case "unusable":
      throw errors.unavailable(`${partner} token endpoint answered without a usable token`, {});
  }
}

export type ClientCredentialsTokenCacheOptions = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  store: TokenStore;
  bufferMaxSeconds: number;
  logger: Logger;
  /** How the partner's client names itself, logs its calls and builds its errors. */
  partner: TokenErrors & { logMessage: string; defaultExpiresInSeconds?: number };
  /** Awaited before each token request (a rate limiter: the token endpoint counts like any other call). */
  beforeRequest?: () => Promise<void>;
  now?: () => number;
};

/** The shared token cache, fetching with OAuth2 client credentials from `{baseUrl}/oauth/token`. */
export function createClientCredentialsTokenCache(options: ClientCredentialsTokenCacheOptions): TokenCache {
  const { partner } = options;
  return new TokenCache({
    store: options.store,
    bufferMaxSeconds: options.bufferMaxSeconds,
    now: options.now,
    fetchToken: async (timeoutMs) => {
      await options.beforeRequest?.();
      const outcome = await requestClientCredentialsToken({
        tokenUrl: `${options.baseUrl}/oauth/token`,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        timeoutMs,
        logger: options.logger,
        logMessage: partner.logMessage,
        defaultExpiresInSeconds: partner.defaultExpiresInSeconds,
      });
      return issuedToken(outcome, partner);
    },
  });
}
