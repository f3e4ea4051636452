import type { Logger } from "@/lib/logger";
import { CwsAuthError, CwsUnavailableError } from "./errors";
import { tokenResponseSchema } from "./schemas";
import type { StoredToken, TokenStore } from "./token-store";
import { exchange, parseJson } from "./transport";

export type TokenCacheOptions = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  store: TokenStore;
  bufferMaxSeconds: number;
  logger: Logger;
  now?: () => number;
};

/**
 * The CWS access token: reused while valid (with a safety buffer), shared through the store,
 * and fetched by one caller at a time within the process (§11.1).
 */
export class TokenCache {
  #memory: StoredToken | null = null;
  #inFlight: Promise<StoredToken> | null = null;
  readonly #options: TokenCacheOptions;
  readonly #now: () => number;

  constructor(options: TokenCacheOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Valid while now < expiresAt − min(buffer max, lifetime / 2): CWS may hand back a nearly spent token. */
  #isFresh(token: StoredToken | null): token is StoredToken {
    if (!token) return false;
    const lifetimeMs = token.expiresAt.getTime() - token.obtainedAt.getTime();
    const bufferMs = Math.min(this.#options.bufferMaxSeconds * 1000, lifetimeMs / 2);
    return this.#now() < token.expiresAt.getTime() - bufferMs;
  }

  async get(timeoutMs: number): Promise<string> {
    if (this.#isFresh(this.#memory)) return this.#memory.accessToken;
    this.#inFlight ??= this.#refresh(timeoutMs).finally(() => (this.#inFlight = null));
    return (await this.#inFlight).accessToken;
  }

  /** Drops a token CWS refused, so the next get() fetches a new one. */
  async invalidate(accessToken: string): Promise<void> {
    if (this.#memory?.accessToken === accessToken) this.#memory = null;
    await this.#options.store.discard(accessToken);
  }

  async #refresh(timeoutMs: number): Promise<StoredToken> {
    const stored = await this.#options.store.load();
    if (this.#isFresh(stored)) {
      this.#memory = stored;
      return stored;
    }
    const fetched = await this.#fetch(timeoutMs);
    await this.#options.store.save(fetched);
    this.#memory = fetched;
    return fetched;
  }

  async #fetch(timeoutMs: number): Promise<StoredToken> {
    const { baseUrl, clientId, clientSecret, logger } = this.#options;
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
    });
    const result = await exchange({
      method: "POST",
      url: `${baseUrl}/oauth/token`,
      headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
      timeoutMs,
    });
    logger.debug(
      {
        route: "POST /oauth/token",
        outcome: result.kind,
        status: result.kind === "response" ? result.status : undefined,
        ms: result.ms,
      },
      "cws call",
    );
    if (result.kind !== "response") {
      throw new CwsUnavailableError(
        result.kind === "timeout" ? "CWS token request timed out" : "CWS token endpoint unreachable",
        {
          cause: result.kind === "network" ? result.error : undefined,
        },
      );
    }
    if (result.status === 400 || result.status === 401) {
      throw new CwsAuthError(
        `CWS refused our client credentials (HTTP ${result.status}); check CWS_CLIENT_ID and CWS_CLIENT_SECRET`,
        {
          httpStatus: result.status,
        },
      );
    }
    if (result.status < 200 || result.status >= 300) {
      throw new CwsUnavailableError(`CWS token endpoint answered HTTP ${result.status}`, { httpStatus: result.status });
    }
    const parsed = tokenResponseSchema.safeParse(parseJson(result.text));
    if (!parsed.success) throw new CwsUnavailableError("CWS token endpoint answered without a usable token");
    const obtainedAt = new Date(this.#now());
    return {
      accessToken: parsed.data.accessToken,
      obtainedAt,
      expiresAt: new Date(obtainedAt.getTime() + parsed.data.expiresInSeconds * 1000),
    };
  }
}
