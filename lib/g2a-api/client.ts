import type { z } from "zod";
import type { TokenStore } from "@/lib/api-client/token-store";
import type { Logger } from "@/lib/logger";
import { G2aApiError, G2aJobError, G2aPriceChangeBudgetError, type G2aApiErrorKind } from "./errors";
import { G2aHttp, type Attempt, type CallOptions, type G2aRequest } from "./http";
import { awaitJob, createdOfferId, jobFailure, type JobPolling } from "./jobs";
import {
  checkPrice,
  createOfferBody,
  toG2aPrice,
  updateOfferBody,
  type G2aNewOffer,
  type G2aOfferChanges,
} from "./offer-requests";
import { PriceChangeBudget } from "./price-change-budget";
import { RateLimiter } from "./rate-limiter";
import {
  competitorPageSchema,
  jobAnswerSchema,
  offerAnswerSchema,
  offerPageSchema,
  simulationSchema,
  writeAcceptedSchema,
  type G2aOffer,
  type G2aPriceLimit,
  type G2aPriceSimulation,
} from "./schemas";
import { createClientCredentialsTokenCache } from "@/lib/api-client/client-credentials";
import { G2A_TOKEN_PARTNER } from "./token-partner";

export type G2aApiClientOptions = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  tokenStore: TokenStore;
  logger: Logger;
  /** Our own pace towards G2A, a token bucket (default 4 requests/s, bursts of 1). */
  requestsPerSecond?: number;
  requestBurst?: number;
  /** Price changes allowed per product per rolling hour (default 4; G2A is reported to cap at 5). */
  priceChangesPerHour?: number;
  /** Job polling: every `jobPollIntervalMs` (default 2 s), at most `jobPollAttempts` polls (default 10). */
  jobPollIntervalMs?: number;
  jobPollAttempts?: number;
  /** Per attempt (default 15 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** Exponential backoff between retries when G2A sends no Retry-After (default 500 ms doubling to 10 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A longer Retry-After fails the call at once instead of waiting (default 60 s). */
  retryAfterCapSeconds?: number;
  /** Refresh the token this long before it expires, at most half its lifetime (default 60 s). */
  tokenBufferMaxSeconds?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

/** The outcome of createOffer: the offer's id, and whether it existed already and was adopted. */
export type G2aCreatedOffer = { offerId: string; adopted: boolean; jobId: string | null };

/** G2A accepted an update: 204 (done), or 200/202 with a job that finished without a failure. */
/** A create G2A accepted with a job not yet settled: readJob names the offer once it completes. */
export type G2aStartedOffer = { offerId: null; jobId: string };

export type G2aJobState =
  | { state: "pending" }
  | { state: "done"; offerId: string | null }
  | { state: "failed"; error: G2aJobError }
  | { state: "lost" };

export type G2aUpdateResult = { httpStatus: number; jobId: string | null };

export type G2aCompetitorOffer = z.infer<typeof competitorPageSchema>["data"][number] & {
  /** One of our own offers, recognised by its id. */
  own: boolean;
};

export type G2aOfferFilter = { active?: boolean; type?: string };

/** The two paths peers use for a product's offers (§6); which one G2A serves is not known. */
const COMPETITOR_PATHS = ["/v3/products/{productId}/offers", "/v3/sales/products/{productId}/offers"] as const;
type CompetitorPath = (typeof COMPETITOR_PATHS)[number];

const ITEMS_PER_PAGE = 100;
const MAX_PAGES = 10_000;

/** Refusals after which G2A did not change the offer: a price sent in them does not spend the budget. */
const NOT_APPLIED: readonly G2aApiErrorKind[] = [
  "auth",
  "bad_request",
  "not_found",
  "conflict",
  "rate_limited",
  "job_failed",
];

/** What the client remembers of an offer it has seen: the product (for the budget) and the limits. */
type KnownOffer = {
  productId: string;
  type: string | null;
  priceCents: bigint | null;
  priceLimit: G2aPriceLimit | null;
};

type PageOf<T> = { data: T[]; meta?: { itemsPerPage?: number | null; totalResults?: number | null } | null };

/** The client for G2A's seller-side Import API (g2a-import-api.md), in euro cents. */
export class G2aApiClient {
  readonly #http: G2aHttp;
  readonly #budget: PriceChangeBudget;
  readonly #polling: JobPolling;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #offers = new Map<string, KnownOffer>();
  readonly #limits = new Map<string, G2aPriceLimit>();
  #competitorPath: CompetitorPath | null = null;

  constructor(options: G2aApiClientOptions) {
    const baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#logger = options.logger;
    const limiter = new RateLimiter({
      ratePerSecond: options.requestsPerSecond ?? 4,
      burst: options.requestBurst ?? 1,
      now: this.#now,
      sleep: this.#sleep,
    });
    const tokens = createClientCredentialsTokenCache({
      partner: G2A_TOKEN_PARTNER,
      baseUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      store: options.tokenStore,
      bufferMaxSeconds: options.tokenBufferMaxSeconds ?? 60,
      logger: options.logger,
      beforeRequest: () => limiter.take(),
      now: this.#now,
    });
    this.#http = new G2aHttp({
      baseUrl,
      tokens,
      limiter,
      logger: options.logger,
      timeoutMs: options.timeoutMs ?? 15_000,
      maxRetries: options.maxRetries ?? 4,
      backoffBaseMs: options.backoffBaseMs ?? 500,
      backoffMaxMs: options.backoffMaxMs ?? 10_000,
      retryAfterCapSeconds: options.retryAfterCapSeconds ?? 60,
      now: this.#now,
      sleep: this.#sleep,
      random: options.random ?? Math.random,
    });
    this.#budget = new PriceChangeBudget({ perHour: options.priceChangesPerHour ?? 4, now: this.#now });
    this.#polling = {
      intervalMs: options.jobPollIntervalMs ?? 2_000,
      attempts: options.jobPollAttempts ?? 10,
      sleep: this.#sleep,
    };
  }

  // ── offers ────────────────────────────────────────────────────────────────

  /** Every offer of ours, all pages of 100 (§3.3), optionally only active ones or one type. */
  async listOffers(filter: G2aOfferFilter = {}, options: CallOptions = {}): Promise<G2aOffer[]> {
    const params = new URLSearchParams();
    if (filter.active !== undefined) params.set("active", String(filter.active));
    if (filter.type !== undefined) params.append("type[]", filter.type);
    const offers = await this.#allPages("GET /v3/sales/offers", "/v3/sales/offers", params, offerPageSchema, options);
    offers.forEach((offer) => this.#learn(offer));
    return offers;
  }

  /** The first page of our offers and how many there are in all (null when G2A does not say). */
  async firstOfferPage(options: CallOptions = {}): Promise<{ offers: G2aOffer[]; totalResults: number | null }> {
    const page = await this.#page(
      "GET /v3/sales/offers",
      "/v3/sales/offers",
      new URLSearchParams(),
      1,
      offerPageSchema,
      options,
    );
    page.data.forEach((offer) => this.#learn(offer));
    return { offers: page.data, totalResults: page.meta?.totalResults ?? null };
  }

  /** One offer; an unknown id throws a G2aApiError of kind not_found. */
  async getOffer(offerId: string, options: CallOptions = {}): Promise<G2aOffer> {
    const { value } = await this.#http.call(
      {
        method: "GET",
        route: "GET /v3/sales/offers/{offerId}",
        pathAndQuery: `/v3/sales/offers/${encodeURIComponent(offerId)}`,
      },
      offerAnswerSchema,
      options,
    );
    this.#learn(value);
    return value;
  }

  /**
   * Creates an active dropshipping offer and waits for G2A's job to name it (§3.2, §4). An offer that
   * already exists for the product (409) is adopted, not created again. A create is never resent
   * blindly: after an answer that leaves its outcome open (5xx, timeout, network, unreadable), our
   * offers are listed first and an offer for the product found there is adopted.
   */
  createOffer(offer: G2aNewOffer, options: CallOptions = {}): Promise<G2aCreatedOffer> {
    return this.#create(offer, options, (jobId, limit) => this.#finishCreate(offer, jobId, limit, options));
  }

  /**
   * Like createOffer, but does not wait for G2A's job: answers the job to settle later with readJob,
   * or the existing offer it adopted (409, or an earlier create that went through).
   */
  startOffer(offer: G2aNewOffer, options: CallOptions = {}): Promise<G2aCreatedOffer | G2aStartedOffer> {
    return this.#create<G2aCreatedOffer | G2aStartedOffer>(offer, options, async (jobId) => ({
      offerId: null,
      jobId,
    }));
  }

  async #create<T>(
    offer: G2aNewOffer,
    options: CallOptions,
    onJob: (jobId: string, limit: G2aPriceLimit | null) => Promise<T>,
  ): Promise<T | G2aCreatedOffer> {
    const limit = offer.priceLimit ?? this.#limits.get(offer.productId) ?? null;
    checkPrice(offer.priceCents, limit);
    if (offer.businessPriceCents !== undefined) checkPrice(offer.businessPriceCents, limit);
    const request: G2aRequest = {
      method: "POST",
      route: "POST /v3/sales/offers",
      pathAndQuery: "/v3/sales/offers",
      body: createOfferBody(offer),
    };
    const maxRetries = options.maxRetries ?? this.#http.defaults.maxRetries;
    let uncertain = false;
    for (let attempt = 0; ; attempt++) {
      if (uncertain) {
        const existing = await this.#offerForProduct(offer.productId, options);
        if (existing) return this.#adopt(existing, "an earlier create may have gone through");
      }
      const result = await this.#http.attempt(request, writeAcceptedSchema, options.timeoutMs, attempt);
      if (result.ok) {
        if (!result.value) {
          throw new G2aApiError("bad_response", "G2A accepted the offer without a job id", {
            httpStatus: result.httpStatus,
          });
        }
        return onJob(result.value, limit);
      }
      if (result.error.kind === "conflict")
        return this.#adoptAfterConflict(offer.productId, result, uncertain, options);
      if (result.retry === "unknown") uncertain = true;
      if (result.retry === "no" || attempt >= maxRetries) {
        const existing = uncertain ? await this.#offerForProduct(offer.productId, options).catch(() => null) : null;
        if (existing) return this.#adopt(existing, "an earlier create went through");
        throw result.error;
      }
      await this.#sleep(result.delayMs ?? this.#http.backoffMs(attempt));
    }
  }

  /**
   * Changes only the fields given (§3.8), and sends `active: true` with a positive stock. A price is
   * checked against the offer's limits and the product's price-change budget before sending; the offer
   * is read first when this client has not seen it yet.
   * When G2A answers with a job, it is polled, and a failed element throws a G2aJobError with G2A's code.
   */
  async updateOffer(
    offerId: string,
    changes: G2aOfferChanges,
    options: CallOptions & { awaitJob?: boolean } = {},
  ): Promise<G2aUpdateResult> {
    const setsPrice = changes.priceCents !== undefined || changes.businessPriceCents !== undefined;
    // A price change needs the offer's product (for the budget) and limits: read the offer once, as LootCodes does.
    if (setsPrice && !this.#offers.has(offerId)) await this.getOffer(offerId, options);
    const known = this.#offers.get(offerId);
    const limit = changes.priceLimit ?? known?.priceLimit ?? (known ? this.#limits.get(known.productId) : null) ?? null;
    for (const price of [changes.priceCents, changes.businessPriceCents])
      if (price !== undefined) checkPrice(price, limit);
    const body = updateOfferBody(changes, changes.offerType ?? known?.type ?? "dropshipping");
    const budgetKey = known?.productId ?? offerId;
    const changesPrice =
      changes.priceCents !== undefined && (known?.priceCents == null || changes.priceCents !== known.priceCents);
    let giveBack: (() => void) | null = null;
    if (changesPrice) {
      const possibleAt = this.#budget.nextPossibleAt(budgetKey);
      if (possibleAt) throw new G2aPriceChangeBudgetError(budgetKey, this.#budget.perHour, possibleAt, this.#now());
      giveBack = this.#budget.spend(budgetKey);
    }
    try {
      const { value: jobId, httpStatus } = await this.#http.call(
        {
          method: "PATCH",
          route: "PATCH /v3/sales/offers/{offerId}",
          pathAndQuery: `/v3/sales/offers/${encodeURIComponent(offerId)}`,
          body,
        },
        writeAcceptedSchema,
        options,
      );
      if (jobId && options.awaitJob !== false) {
        const failure = jobFailure(jobId, await awaitJob(this.#http, jobId, this.#polling, options));
        if (failure) throw failure;
      }
      if (known) {
        if (changes.priceCents !== undefined) known.priceCents = changes.priceCents;
        if (changes.offerType !== undefined) known.type = changes.offerType;
      }
      return { httpStatus, jobId };
    } catch (error) {
      // A change G2A may have applied (5xx, timeout, lost job) stays counted.
      if (error instanceof G2aApiError && NOT_APPLIED.includes(error.kind)) giveBack?.();
      throw error;
    }
  }

  /** Switches an offer off (§3.8), and declares its stock 0 when `clearStock` is set. */
  deactivateOffer(offerId: string, options: CallOptions & { clearStock?: boolean } = {}): Promise<G2aUpdateResult> {
    const { clearStock, ...callOptions } = options;
    return this.updateOffer(offerId, { active: false, ...(clearStock ? { inventorySize: 0 } : {}) }, callOptions);
  }

  /**
   * One look at a job (§4), without waiting: still pending, done (with the offer a create made), failed
   * (G2A's code and message), or lost (G2A no longer knows it).
   */
  async readJob(jobId: string, options: CallOptions = {}): Promise<G2aJobState> {
    try {
      const { value: job } = await this.#http.call(
        { method: "GET", route: "GET /v3/jobs/{jobId}", pathAndQuery: `/v3/jobs/${encodeURIComponent(jobId)}` },
        jobAnswerSchema,
        options,
      );
      if (!job.finished) return { state: "pending" };
      const failure = jobFailure(jobId, job);
      return failure ? { state: "failed", error: failure } : { state: "done", offerId: createdOfferId(job) };
    } catch (error) {
      if (error instanceof G2aApiError && error.kind === "not_found") return { state: "lost" };
      throw error;
    }
  }

  // ── pricing ───────────────────────────────────────────────────────────────

  /** What a sale at `priceCents` brings and costs the buyer (§5): maps keyed "ALL" or a country, in cents. */
  async simulatePrice(productId: string, priceCents: bigint, options: CallOptions = {}): Promise<G2aPriceSimulation> {
    checkPrice(priceCents, null);
    const params = new URLSearchParams({ productId, price: toG2aPrice(priceCents), currency: "EUR" });
    const { value } = await this.#http.call(
      {
        method: "GET",
        route: "GET /v3/pricing/simulations",
        pathAndQuery: `/v3/pricing/simulations?${params.toString()}`,
      },
      simulationSchema,
      options,
    );
    return value;
  }

  /**
   * The offers on a product's page, ours marked `own` (§6). Our offer ids come from `ownOfferIds`,
   * or else from listing our offers. The first path answering is remembered for later calls.
   */
  async competitorOffers(
    productId: string,
    options: CallOptions & { ownOfferIds?: Iterable<string> } = {},
  ): Promise<G2aCompetitorOffer[]> {
    const { ownOfferIds, ...callOptions } = options;
    const offers = await this.#competitorOffers(productId, callOptions);
    const own = new Set(ownOfferIds ?? (await this.listOffers({}, callOptions)).map((offer) => offer.id));
    return offers.map((offer) => ({ ...offer, own: own.has(offer.id) }));
  }

  /** The competitor-offers path that answered, once one has. */
  get competitorOffersPath(): string | null {
    return this.#competitorPath;
  }

  // ── internals ─────────────────────────────────────────────────────────────

  async #competitorOffers(productId: string, options: CallOptions) {
    const candidates = this.#competitorPath ? [this.#competitorPath] : COMPETITOR_PATHS;
    for (const path of candidates) {
      try {
        const offers = await this.#allPages(
          `GET ${path}`,
          path.replace("{productId}", encodeURIComponent(productId)),
          new URLSearchParams(),
          competitorPageSchema,
          options,
        );
        if (this.#competitorPath !== path) {
          this.#competitorPath = path;
          this.#logger.info({ path }, "g2a competitor offers answered on this path");
        }
        return offers;
      } catch (error) {
        if (!(error instanceof G2aApiError && error.kind === "not_found")) throw error;
      }
    }
    this.#logger.debug({ productId, paths: candidates }, "g2a has no competitor offers for the product");
    return [];
  }

  /** Pages of 100 until one is short or empty, or `totalResults` is reached (§3.3). */
  async #allPages<T>(
    route: string,
    path: string,
    params: URLSearchParams,
    schema: z.ZodType<PageOf<T>>,
    options: CallOptions,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const value = await this.#page(route, path, params, page, schema, options);
      items.push(...value.data);
      const perPage = value.meta?.itemsPerPage || ITEMS_PER_PAGE;
      const total = value.meta?.totalResults;
      if (value.data.length === 0 || value.data.length < perPage || (total != null && page * perPage >= total)) break;
    }
    return items;
  }

  async #page<P extends PageOf<unknown>>(
    route: string,
    path: string,
    params: URLSearchParams,
    page: number,
    schema: z.ZodType<P>,
    options: CallOptions,
  ): Promise<P> {
    const query = new URLSearchParams(params);
    query.set("page", String(page));
    query.set("itemsPerPage", String(ITEMS_PER_PAGE));
    const { value } = await this.#http.call(
      { method: "GET", route, pathAndQuery: `${path}?${query.toString()}` },
      schema,
      options,
    );
    return value;
  }

  async #finishCreate(
    offer: G2aNewOffer,
    jobId: string,
    limit: G2aPriceLimit | null,
    options: CallOptions,
  ): Promise<G2aCreatedOffer> {
    let job;
    try {
      job = await awaitJob(this.#http, jobId, this.#polling, options);
    } catch (error) {
      // The job may have done its work even if we cannot see it finish: our offers tell.
      if (!(error instanceof G2aJobError)) throw error;
      const existing = await this.#offerForProduct(offer.productId, options);
      if (!existing) throw error;
      return { offerId: existing.id, adopted: false, jobId };
    }
    const offerId = createdOfferId(job);
    if (!offerId) {
      throw (
        jobFailure(jobId, job) ??
        new G2aJobError("job_failed", `G2A job ${jobId} finished without naming an offer`, { jobId })
      );
    }
    this.#offers.set(offerId, {
      productId: offer.productId,
      type: "dropshipping",
      priceCents: offer.priceCents,
      priceLimit: limit,
    });
    return { offerId, adopted: false, jobId };
  }

  /**
   * 409: an offer for the product exists. The id in the answer, if any, else our offers' list names it;
   * after an earlier unanswered create its job may still be running, so the list is read until it shows.
   */
  async #adoptAfterConflict(
    productId: string,
    conflict: Extract<Attempt<unknown>, { ok: false }>,
    uncertain: boolean,
    options: CallOptions,
  ): Promise<G2aCreatedOffer> {
    const named = conflict.errorBody?.offerId;
    if (named) {
      try {
        return this.#adopt(await this.getOffer(named, options), "G2A named it in its 409");
      } catch (error) {
        if (!(error instanceof G2aApiError && error.kind === "not_found")) throw error;
      }
    }
    const reads = uncertain ? this.#polling.attempts : 1;
    for (let read = 1; read <= reads; read++) {
      if (read > 1) await this.#sleep(this.#polling.intervalMs);
      const existing = await this.#offerForProduct(productId, options);
      if (existing) return this.#adopt(existing, "G2A answered 409");
    }
    throw new G2aApiError(
      "conflict",
      `G2A says an offer for product ${productId} exists (HTTP 409), but none of our listed offers is for it`,
      { httpStatus: 409, g2aCode: conflict.error.g2aCode, g2aMessage: conflict.error.g2aMessage },
    );
  }

  #adopt(offer: G2aOffer, reason: string): G2aCreatedOffer {
    this.#logger.info({ offerId: offer.id, productId: offer.productId, reason }, "g2a offer adopted");
    return { offerId: offer.id, adopted: true, jobId: null };
  }

  async #offerForProduct(productId: string, options: CallOptions): Promise<G2aOffer | null> {
    return (await this.listOffers({}, options)).find((offer) => offer.productId === productId) ?? null;
  }

  #learn(offer: G2aOffer): void {
    this.#offers.set(offer.id, {
      productId: offer.productId,
      type: offer.type,
      priceCents: offer.priceCents,
      priceLimit: offer.priceLimit,
    });
    if (offer.priceLimit) this.#limits.set(offer.productId, offer.priceLimit);
  }
}

export function createG2aApiClient(options: G2aApiClientOptions): G2aApiClient {
  return new G2aApiClient(options);
}
