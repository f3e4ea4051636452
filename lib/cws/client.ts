import type { Logger } from "@/lib/logger";
import {
  CwsAuthError,
  CwsError,
  CwsRateLimitError,
  CwsUnavailableError,
  kindOfBusinessError,
  type CwsErrorKind,
} from "./errors";
import {
  accountSchema,
  businessErrorSchema,
  codeSchema,
  oauthErrorSchema,
  orderHistorySchema,
  orderSchema,
  productPageSchema,
  productSchema,
  type CwsAccount,
  type CwsCode,
  type CwsOrder,
  type CwsOrderRequest,
  type CwsOrderSummary,
  type CwsProduct,
  type CwsProductPage,
} from "./schemas";
import type { TokenCache } from "@/lib/api-client/token-cache";
import { createClientCredentialsTokenCache } from "@/lib/api-client/client-credentials";
import { CWS_TOKEN_PARTNER } from "./token-partner";
import type { TokenStore } from "./token-store";
import { recordCwsExchange } from "./status";
import { recordCwsCall } from "@/lib/metrics/record";
import { exchange, parseJson, retryAfterSeconds, type Exchange } from "@/lib/api-client/exchange";
import type { z } from "zod";

/** Per-call limits: the reservation path uses one short attempt, background work the defaults. */
export type CallOptions = { timeoutMs?: number; maxRetries?: number };

export type CwsClientOptions = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  tokenStore: TokenStore;
  logger: Logger;
  timeoutMs?: number;
  maxRetries?: number;
  retryAfterCapSeconds?: number;
  tokenBufferMaxSeconds?: number;
  priceChangedCodes?: readonly string[];
  /** Waits between GET attempts before jitter (§11.4). */
  backoffMs?: readonly number[];
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

/**
 * What became of one POST /v3/orders (§11.5). The client never resends a purchase by itself
 * (apart from the single re-authentication after a 401, decided before CWS processes anything):
 * the workflow owns the attempt ledger, 429 waits and the recovery of unknown outcomes.
 */
export type PlaceOrderOutcome =
  | { kind: "created"; order: CwsOrder; httpStatus: number }
  | { kind: "refused"; reason: CwsErrorKind; httpStatus: number; cwsCode: string | null; message: string }
  | { kind: "priceChanged"; httpStatus: number; cwsCode: string; message: string }
  | { kind: "rateLimited"; retryAfterSeconds: number | null }
  | { kind: "notProcessed"; message: string }
  | { kind: "unknown"; message: string; httpStatus: number | null };

export type ImageCode = { bytes: Buffer; filename: string | null };

/** An authorized exchange, or why none could be made. */
type Authorized = Exchange | { kind: "token-failure"; error: unknown } | { kind: "auth-rejected" };

type Verdict<T> = { ok: true; value: T } | { ok: false; error: CwsError; retryable: boolean; delayMs?: number };

const PRODUCT_IDS_PER_REQUEST = 50;
const DAY_MS = 86_400_000;

function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text);
}

export class CwsClient {
  readonly #options: Required<Omit<CwsClientOptions, "tokenStore" | "clientSecret">>;
  readonly #tokens: TokenCache;

  constructor(options: CwsClientOptions) {
    this.#options = {
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
      clientId: options.clientId,
      logger: options.logger,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxRetries: options.maxRetries ?? 3,
      retryAfterCapSeconds: options.retryAfterCapSeconds ?? 30,
      tokenBufferMaxSeconds: options.tokenBufferMaxSeconds ?? 60,
      priceChangedCodes: options.priceChangedCodes ?? ["30001"],
      backoffMs: options.backoffMs ?? [500, 1000, 2000],
      now: options.now ?? Date.now,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
    };
    this.#tokens = createClientCredentialsTokenCache({
      partner: CWS_TOKEN_PARTNER,
      baseUrl: this.#options.baseUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      store: options.tokenStore,
      bufferMaxSeconds: this.#options.tokenBufferMaxSeconds,
      logger: options.logger,
      now: this.#options.now,
    });
  }

  // ── products ──────────────────────────────────────────────────────────────

  /** One product (§5.2); a hidden or unknown product throws a CwsError of kind product_not_found. */
  getProduct(productId: string, options: CallOptions = {}): Promise<CwsProduct> {
    return this.#get(`/v3/products/${encodeURIComponent(productId)}`, productSchema, options);
  }

  /** One page of the price list (§5.1). */
  listProducts(
    query: { productIds?: readonly string[]; updatedSince?: Date; continuationToken?: string } = {},
    options: CallOptions = {},
  ): Promise<CwsProductPage> {
    const params = new URLSearchParams();
    if (query.productIds?.length) params.set("productIds", query.productIds.join(","));
    if (query.updatedSince) params.set("updatedSince", query.updatedSince.toISOString());
    if (query.continuationToken) params.set("continuationToken", query.continuationToken);
    const search = params.size > 0 ? `?${params.toString()}` : "";
    return this.#get(`/v3/products${search}`, productPageSchema, options);
  }

  /** Every page of a listing, following continuation tokens, pages spaced `pageIntervalMs` apart (§5.1, §10). */
  async listAllProducts(
    query: { productIds?: readonly string[]; updatedSince?: Date } = {},
    options: CallOptions & { pageIntervalMs?: number } = {},
  ): Promise<CwsProduct[]> {
    const products: CwsProduct[] = [];
    let continuationToken: string | undefined;
    do {
      if (continuationToken && options.pageIntervalMs) await this.#options.sleep(options.pageIntervalMs);
      const page = await this.listProducts({ ...query, continuationToken }, options);
      products.push(...page.items);
      continuationToken = page.continuationToken ?? undefined;
    } while (continuationToken);
    return products;
  }

  /** Several products by id, 50 ids per request; an id missing from the answer is not sold now (§5.1). */
  async getProducts(productIds: readonly string[], options: CallOptions = {}): Promise<CwsProduct[]> {
    const unique = [...new Set(productIds)];
    const products: CwsProduct[] = [];
    for (let start = 0; start < unique.length; start += PRODUCT_IDS_PER_REQUEST) {
      products.push(
        ...(await this.listAllProducts({ productIds: unique.slice(start, start + PRODUCT_IDS_PER_REQUEST) }, options)),
      );
    }
    return products;
  }

  // ── account ───────────────────────────────────────────────────────────────

  getAccount(options: CallOptions = {}): Promise<CwsAccount> {
    return this.#get("/v3/accounts/current", accountSchema, options);
  }

  // ── orders ────────────────────────────────────────────────────────────────

  /** Buys, once. See PlaceOrderOutcome for what the caller must do next. */
  async placeOrder(request: CwsOrderRequest, options: Pick<CallOptions, "timeoutMs"> = {}): Promise<PlaceOrderOutcome> {
    const result = await this.#authorizedExchange("POST", "/v3/orders", options.timeoutMs, JSON.stringify(request));
    this.#logCall("POST /v3/orders", result, { clientOrderId: request.orderId });
    return this.#classifyPlacement(result);
  }

  /** One order by its CWS id (never our clientOrderId, §5.7). */
  getOrder(cwsOrderId: string, options: CallOptions = {}): Promise<CwsOrder> {
    return this.#get(`/v3/orders/${encodeURIComponent(cwsOrderId)}`, orderSchema, options);
  }

  /** Order summaries created between two UTC dates, both inclusive (§5.8). */
  async getOrderHistory(
    range: { startFrom: Date; endOn: Date },
    options: CallOptions = {},
  ): Promise<CwsOrderSummary[]> {
    const params = new URLSearchParams({
      startFrom: utcDate(range.startFrom.getTime()),
      endOn: utcDate(range.endOn.getTime()),
    });
    return (await this.#get(`/v3/orders?${params.toString()}`, orderHistorySchema, options)).items;
  }

  /**
   * The CWS orders created under our order id since `since` (the first attempt), oldest first,
   * searched over the history widened by a day on each side (§11.6). More than one is a duplicate purchase.
   */
  async findOrderByClientOrderId(
    clientOrderId: string,
    since: Date,
    options: CallOptions = {},
  ): Promise<{ earliest: CwsOrderSummary | null; matches: CwsOrderSummary[] }> {
    const history = await this.getOrderHistory(
      { startFrom: new Date(since.getTime() - DAY_MS), endOn: new Date(this.#options.now() + DAY_MS) },
      options,
    );
    const matches = history
      .filter((order) => order.clientOrderId === clientOrderId)
      .sort((a, b) => Date.parse(a.createdOn) - Date.parse(b.createdOn));
    return { earliest: matches[0] ?? null, matches };
  }

  // ── codes ─────────────────────────────────────────────────────────────────

  getCode(codeId: string, options: CallOptions = {}): Promise<CwsCode> {
    return this.#get(`/v3/codes/${encodeURIComponent(codeId)}`, codeSchema, options);
  }

  /** The image of a CODE_IMAGE, fetched as base64 and decoded (§11.10); not_found while it is not ready. */
  async fetchImageCode(codeId: string, options: CallOptions = {}): Promise<ImageCode> {
    const code = await this.getCode(codeId, options);
    const base64 = code.code?.replace(/\s+/g, "") ?? "";
    if (!base64 || !isBase64(base64)) {
      throw new CwsError("not_found", `image of code ${codeId} is not available yet`);
    }
    return { bytes: Buffer.from(base64, "base64"), filename: code.filename };
  }

  // ── transport ─────────────────────────────────────────────────────────────

  /** One request with a bearer token, repeated once with a new token after a 401 (§11.2). */
  async #authorizedExchange(
    method: "GET" | "POST",
    pathAndQuery: string,
    timeoutMs = this.#options.timeoutMs,
    body?: string,
  ): Promise<Authorized> {
    const deadline = this.#options.now() + timeoutMs;
    const remaining = () => Math.max(1, deadline - this.#options.now());
    for (let refreshed = false; ; refreshed = true) {
      let token: string;
      try {
        token = await this.#tokens.get(remaining());
      } catch (error) {
        return { kind: "token-failure", error };
      }
      const result = await exchange({
        method,
        url: `${this.#options.baseUrl}${pathAndQuery}`,
        headers: {
          Accept: "application/json",
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body,
        timeoutMs: remaining(),
      });
      if (result.kind !== "response" || result.status !== 401) return result;
      await this.#tokens.invalidate(token);
      if (refreshed) return { kind: "auth-rejected" };
    }
  }

  /** GET with the retry rules of §11.4: network errors, timeouts, 5xx, 429 and unreadable 2xx bodies retry. */
  async #get<Schema extends z.ZodType>(
    pathAndQuery: string,
    schema: Schema,
    options: CallOptions,
  ): Promise<z.output<Schema>> {
    const maxRetries = options.maxRetries ?? this.#options.maxRetries;
    const route = `GET ${pathAndQuery.split("?")[0]}`;
    for (let attempt = 0; ; attempt++) {
      const result = await this.#authorizedExchange("GET", pathAndQuery, options.timeoutMs);
      this.#logCall(route, result, { attempt });
      const verdict = this.#judgeRead(result, schema);
      if (verdict.ok) return verdict.value;
      if (!verdict.retryable || attempt >= maxRetries) throw verdict.error;
      await this.#options.sleep(verdict.delayMs ?? this.#backoff(attempt));
    }
  }

  #backoff(attempt: number): number {
    const steps = this.#options.backoffMs;
    const base = steps[Math.min(attempt, steps.length - 1)] ?? 0;
    return Math.round(base * (0.8 + 0.4 * this.#options.random()));
  }

  #judgeRead<Schema extends z.ZodType>(result: Authorized, schema: Schema): Verdict<z.output<Schema>> {
    switch (result.kind) {
      case "token-failure": {
        const error =
          result.error instanceof CwsError
            ? result.error
            : new CwsUnavailableError("CWS token request failed", { cause: result.error });
        return { ok: false, error, retryable: !(error instanceof CwsAuthError) };
      }
      case "auth-rejected":
        return {
          ok: false,
          error: new CwsAuthError("CWS refused a freshly issued token", { httpStatus: 401 }),
          retryable: false,
        };
      case "timeout":
        return { ok: false, error: new CwsUnavailableError("CWS did not answer in time"), retryable: true };
      case "network":
        return {
          ok: false,
          error: new CwsUnavailableError("CWS could not be reached", { cause: result.error }),
          retryable: true,
        };
    }
    const { status } = result;
    if (status >= 200 && status < 300) {
      const json = parseJson(result.text);
      if (json === undefined) {
        return {
          ok: false,
          error: new CwsUnavailableError(`CWS answered HTTP ${status} without JSON`, { httpStatus: status }),
          retryable: true,
        };
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) return { ok: true, value: parsed.data };
      return {
        ok: false,
        error: new CwsError(
          "bad_response",
          `CWS answer did not match the expected shape: ${parsed.error.issues[0]?.message ?? "invalid"}`,
        ),
        retryable: false,
      };
    }
    if (status === 429) {
      const retryAfter = retryAfterSeconds(result.headers, this.#options.now());
      if (retryAfter !== undefined && retryAfter > this.#options.retryAfterCapSeconds) {
        return { ok: false, error: new CwsRateLimitError(retryAfter), retryable: false };
      }
      return {
        ok: false,
        error: new CwsRateLimitError(retryAfter),
        retryable: true,
        delayMs: retryAfter === undefined ? undefined : retryAfter * 1000,
      };
    }
    if (status >= 500) {
      return {
        ok: false,
        error: new CwsUnavailableError(`CWS answered HTTP ${status}`, { httpStatus: status }),
        retryable: true,
      };
    }
    return { ok: false, error: this.#businessError(status, result.text), retryable: false };
  }

  #businessError(status: number, text: string): CwsError {
    const json = parseJson(text);
    const business = businessErrorSchema.safeParse(json);
    if (business.success) {
      const kind = kindOfBusinessError(status, business.data.code, this.#options.priceChangedCodes);
      const message = business.data.message ?? "no message";
      return new CwsError(kind, `CWS refused (HTTP ${status}, code ${business.data.code}): ${message}`, {
        httpStatus: status,
        cwsCode: business.data.code,
      });
    }
    const oauth = oauthErrorSchema.safeParse(json);
    const detail = oauth.success ? `: ${oauth.data.error}` : "";
    return new CwsError(kindOfBusinessError(status, undefined, []), `CWS refused (HTTP ${status})${detail}`, {
      httpStatus: status,
    });
  }

  #classifyPlacement(result: Authorized): PlaceOrderOutcome {
    switch (result.kind) {
      case "token-failure":
        return {
          kind: "notProcessed",
          message: result.error instanceof Error ? result.error.message : "CWS token request failed",
        };
      case "auth-rejected":
        return { kind: "notProcessed", message: "CWS refused a freshly issued token; the order was not sent" };
      case "timeout":
        return { kind: "unknown", message: "CWS did not answer the purchase in time", httpStatus: null };
      case "network":
        return { kind: "unknown", message: "the connection to CWS failed during the purchase", httpStatus: null };
    }
    const { status } = result;
    if (status >= 200 && status < 300) {
      const parsed = orderSchema.safeParse(parseJson(result.text));
      return parsed.success
        ? { kind: "created", order: parsed.data, httpStatus: status }
        : { kind: "unknown", message: `CWS answered HTTP ${status} with an unreadable order`, httpStatus: status };
    }
    if (status === 429) {
      return { kind: "rateLimited", retryAfterSeconds: retryAfterSeconds(result.headers, this.#options.now()) ?? null };
    }
    if ([400, 403, 404, 409, 422].includes(status)) {
      const error = this.#businessError(status, result.text);
      if (error.kind === "price_changed" && error.cwsCode) {
        return { kind: "priceChanged", httpStatus: status, cwsCode: error.cwsCode, message: error.message };
      }
      return {
        kind: "refused",
        reason: error.kind,
        httpStatus: status,
        cwsCode: error.cwsCode ?? null,
        message: error.message,
      };
    }
    // 5xx, and any other status: CWS may have created the order; only the history can tell (§11.6).
    return { kind: "unknown", message: `CWS answered HTTP ${status} to the purchase`, httpStatus: status };
  }

  #logCall(route: string, result: Authorized, context: Record<string, unknown>): void {
    const answered = result.kind === "response" && result.status < 500 && result.status !== 429;
    recordCwsExchange(
      answered,
      answered ? undefined : `${route}: ${result.kind === "response" ? `HTTP ${result.status}` : result.kind}`,
    );
    recordCwsCall(route, callOutcome(result), "ms" in result ? result.ms : undefined);
    const fields = {
      route,
      outcome: result.kind,
      status: result.kind === "response" ? result.status : undefined,
      ms: "ms" in result ? result.ms : undefined,
      ...context,
    };
    if (result.kind === "response" && result.status < 400) this.#options.logger.debug(fields, "cws call");
    else this.#options.logger.info(fields, "cws call failed");
  }
}

/** The metrics' word for a call's outcome: the answer's status class, or what went wrong before one. */
function callOutcome(result: Authorized): string {
  if (result.kind === "response") return result.status === 429 ? "429" : `${Math.floor(result.status / 100)}xx`;
  return result.kind.replace("-", "_");
}
