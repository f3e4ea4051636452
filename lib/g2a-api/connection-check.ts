import type { StoredToken, TokenStore } from "@/lib/api-client/token-store";
import type { Logger } from "@/lib/logger";
import { createG2aApiClient } from "./client";
import type { G2aApiCredentials } from "./connection";
import { G2aApiError } from "./errors";

/** What "Test connection" found, in words an admin acts on. Never carries the secret or a token. */
export type G2aApiConnectionCheck = {
  ok: boolean;
  /** The step that failed: getting a token, or listing offers with it; null when both worked. */
  failedStep: "token" | "offers" | null;
  message: string;
  /** Offers on the first page, and in all when G2A says; null when the list was not reached. */
  offersOnFirstPage: number | null;
  totalOffers: number | null;
  durationMs: number;
};

export type CheckOptions = { logger: Logger; timeoutMs?: number; now?: () => number };

/** A store that keeps the check's token to itself: a check always asks for a token with the secret given. */
function checkTokenStore(): TokenStore & { issued: () => boolean } {
  let token: StoredToken | null = null;
  return {
    issued: () => token !== null,
    load: async () => null,
    save: async (fetched) => {
      token = fetched;
    },
    discard: async () => {},
  };
}

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ENOTFOUND: "the host name is unknown",
  EAI_AGAIN: "the host name could not be looked up",
  ECONNRESET: "the connection was reset",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate cannot be verified",
};

/** The network reason under an error (fetch nests it: error → cause → cause.code). */
function networkReason(error: unknown): string | null {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return NETWORK_CAUSES[code] ?? `network error ${code}`;
  }
  return null;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function failureMessage(error: G2aApiError, step: "token" | "offers", baseUrl: string): string {
  const reason = networkReason(error);
  const detail = reason ? `${error.message} (${reason})` : error.message;
  if (step === "token") {
    if (error.kind === "auth") {
      const status = error.httpStatus ? ` (HTTP ${error.httpStatus})` : "";
      return `G2A refused the client id or secret${status}. Check that they are the Import API credentials from G2A's seller panel, not a pair G2A uses to call this app.`;
    }
    if (error.kind === "rate_limited")
      return `G2A is throttling these credentials: ${sentence(detail)} Try again later.`;
    return `No token from ${baseUrl}: ${sentence(detail)} Check the base URL and that G2A can be reached from this server.`;
  }
  if (error.kind === "auth" || error.httpStatus === 403) {
    return `G2A issued a token but refused it for the offers list: ${sentence(detail)} The credentials may lack access to the Import API's offers.`;
  }
  if (error.kind === "bad_response") {
    return `G2A issued a token, but the offers list was not in the Import API's shape: ${sentence(detail)} Check the base URL.`;
  }
  return `G2A issued a token, but listing offers failed: ${sentence(detail)}`;
}

function successMessage(baseUrl: string, offers: number, total: number | null): string {
  const listed =
    offers === 0
      ? "our offer list is empty"
      : `the first page lists ${offers} offer${offers === 1 ? "" : "s"}${total !== null ? ` of ${total} in all` : ""}`;
  return `Connected to ${baseUrl}: G2A issued a token and ${listed}.`;
}

/**
 * "Test connection": a token from the credentials given (never a stored one) and the first page of
 * our offers, each within `timeoutMs`, with one retry; the answer says in words what happened.
 */
export async function checkG2aApiConnection(
  credentials: G2aApiCredentials,
  options: CheckOptions,
): Promise<G2aApiConnectionCheck> {
  const now = options.now ?? Date.now;
  const started = now();
  const tokenStore = checkTokenStore();
  const client = createG2aApiClient({ ...credentials, tokenStore, logger: options.logger, now });
  try {
    const page = await client.firstOfferPage({ timeoutMs: options.timeoutMs ?? 10_000, maxRetries: 1 });
    return {
      ok: true,
      failedStep: null,
      message: successMessage(credentials.baseUrl, page.offers.length, page.totalResults),
      offersOnFirstPage: page.offers.length,
      totalOffers: page.totalResults,
      durationMs: now() - started,
    };
  } catch (error) {
    if (!(error instanceof G2aApiError)) throw error;
    const failedStep = tokenStore.issued() ? "offers" : "token";
    return {
      ok: false,
      failedStep,
      message: failureMessage(error, failedStep, credentials.baseUrl),
      offersOnFirstPage: null,
      totalOffers: null,
      durationMs: now() - started,
    };
  }
}
