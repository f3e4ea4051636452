import type { StoredToken, TokenStore } from "./token-store";

/** A token as the token endpoint issued it. */
export type IssuedToken = { accessToken: string; expiresInSeconds: number };

export type TokenCacheOptions = {
  store: TokenStore;
  /** Asks the partner for a new token; throws the partner client's own error when it cannot. */
  fetchToken: (timeoutMs: number) => Promise<IssuedToken>;
  /** Refresh this long before expiry, but never earlier than half the token's lifetime. */
  bufferMaxSeconds: number;
  now?: () => number;
};

/**
 * An access token reused while valid (with a safety buffer), shared through the store,
 * and fetched by one caller at a time within the process.
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

  /** Valid while now < expiresAt − min(buffer max, lifetime / 2): a partner may hand back a nearly spent token. */
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

  /** Drops a token the partner refused, so the next get() fetches a new one. */
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
    const issued = await this.#options.fetchToken(timeoutMs);
    const obtainedAt = new Date(this.#now());
    const fetched = {
      accessToken: issued.accessToken,
      obtainedAt,
      expiresAt: new Date(obtainedAt.getTime() + issued.expiresInSeconds * 1000),
    };
    await this.#options.store.save(fetched);
    this.#memory = fetched;
    return fetched;
  }
}
