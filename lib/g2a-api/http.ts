import type { z } from "zod";
import { exchange, parseJson, retryAfterSeconds, type Exchange } from "@/lib/api-client/exchange";
import type { TokenCache } from "@/lib/api-client/token-cache";
import type { Logger } from "@/lib/logger";
import { jitteredBackoffMs } from "./backoff";
import { G2aApiAuthError, G2aApiError, G2aApiRateLimitError, G2aApiUnavailableError } from "./errors";
import type { RateLimiter } from "./rate-limiter";
import { errorBodySchema } from "./schemas";

/** Per-call limits, like the CWS client's: `timeoutMs` per attempt, `maxRetries` after the first. */
export type CallOptions = { timeoutMs?: number; maxRetries?: number };

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** A request to the Import API: `route` names it in logs ("GET /v3/sales/offers/{offerId}"). */
export type G2aRequest = { method: Method; route: string; pathAndQuery: string; body?: unknown };

export type G2aErrorBody = {
  code: string | null;
  message: string | null;
  firstError: string | null;
  offerId: string | null;
};

/**
 * What one attempt came to. When it failed, `retry` says whether sending again is sound:
 * "safe" — G2A did not process the request (429, no token); "unknown" — it may have (5xx, timeout,
 * network failure, unreadable success); "no" — it refused it.
 */
export type Attempt<T> =
  | { ok: true; value: T; httpStatus: number }
  | {
      ok: false;
      error: G2aApiError;
      retry: "safe" | "unknown" | "no";
      delayMs?: number;
      errorBody: G2aErrorBody | null;
    };

type Authorized = Exchange | { kind: "token-failure"; error: unknown } | { kind: "auth-rejected" };

export type G2aHttpOptions = {
  baseUrl: string;
  tokens: TokenCache;
  limiter: RateLimiter;
  logger: Logger;
  timeoutMs: number;
  maxRetries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  retryAfterCapSeconds: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
};

/** The Import API's transport: rate limit, bearer token, re-authentication, retries, and answers judged. */
export class G2aHttp {
  readonly #options: G2aHttpOptions;

  constructor(options: G2aHttpOptions) {
    this.#options = options;
  }

  get defaults(): { timeoutMs: number; maxRetries: number } {
    return { timeoutMs: this.#options.timeoutMs, maxRetries: this.#options.maxRetries };
  }

  /** The wait before retry `attempt + 1` when G2A gave no Retry-After. */
  backoffMs(attempt: number): number {
    const { backoffBaseMs: baseMs, backoffMaxMs: maxMs, random } = this.#options;
    return jitteredBackoffMs(attempt, { baseMs, maxMs, random });
  }

  /**
   * Sends until the answer is read, retrying network errors, timeouts, 5xx, 429 and unreadable
   * answers with backoff. Only for requests that are safe to repeat: reads, and PATCHes (absolute values).
   */
  async call<Schema extends z.ZodType>(
    request: G2aRequest,
    schema: Schema,
    options: CallOptions = {},
  ): Promise<{ value: z.output<Schema>; httpStatus: number }> {
    const maxRetries = options.maxRetries ?? this.#options.maxRetries;
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(request, schema, options.timeoutMs, attempt);
      if (result.ok) return result;
      if (result.retry === "no" || attempt >= maxRetries) throw result.error;
      await this.#options.sleep(result.delayMs ?? this.backoffMs(attempt));
    }
  }

  /** One attempt (and one re-authentication after a 401), judged but never repeated. */
  async attempt<Schema extends z.ZodType>(
    request: G2aRequest,
    schema: Schema,
    timeoutMs = this.#options.timeoutMs,
    attemptNumber = 0,
  ): Promise<Attempt<z.output<Schema>>> {
    const result = await this.#authorizedExchange(request, timeoutMs);
    const judged = this.#judge(result, schema);
    this.#log(request.route, result, judged, attemptNumber);
    return judged;
  }

  /**
   * One request with a bearer token, repeated once with a new token after a 401. Each exchange has
   * `timeoutMs` of its own, counted once the rate limiter lets it go, so a queue never eats the budget.
   */
  async #authorizedExchange(request: G2aRequest, timeoutMs: number): Promise<Authorized> {
    const { baseUrl, limiter, tokens } = this.#options;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    for (let refreshed = false; ; refreshed = true) {
      let token: string;
      try {
        token = await tokens.get(timeoutMs);
      } catch (error) {
        return { kind: "token-failure", error };
      }
      await limiter.take();
      const result = await exchange({
        method: request.method,
        url: `${baseUrl}${request.pathAndQuery}`,
        headers: {
          Accept: "application/json",
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body,
        timeoutMs,
      });
      if (result.kind !== "response" || result.status !== 401) return result;
      await tokens.invalidate(token);
      if (refreshed) return { kind: "auth-rejected" };
    }
  }

  #judge<Schema extends z.ZodType>(result: Authorized, schema: Schema): Attempt<z.output<Schema>> {
    const failure = (error: G2aApiError, retry: "safe" | "unknown" | "no", extra: { delayMs?: number } = {}) => ({
      ok: false as const,
      error,
      retry,
      errorBody: null,
      ...extra,
    });
    switch (result.kind) {
      case "token-failure": {
        const error =
          result.error instanceof G2aApiError
            ? result.error
            : new G2aApiUnavailableError("G2A token request failed", { cause: result.error });
        return failure(error, error.kind === "auth" ? "no" : "safe");
      }
      case "auth-rejected":
        return failure(new G2aApiAuthError("G2A refused a freshly issued token", { httpStatus: 401 }), "no");
      case "timeout":
        return failure(new G2aApiUnavailableError("G2A did not answer in time"), "unknown");
      case "network":
        return failure(new G2aApiUnavailableError("G2A could not be reached", { cause: result.error }), "unknown");
    }
    const { status, text } = result;
    if (status >= 200 && status < 300) {
      const json = parseJson(text);
      if (json === undefined && text.trim() !== "") {
        return failure(
          new G2aApiUnavailableError(`G2A answered HTTP ${status} with a body that is not JSON`, {
            httpStatus: status,
          }),
          "unknown",
        );
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) return { ok: true, value: parsed.data, httpStatus: status };
      if (json === undefined) {
        return failure(
          new G2aApiUnavailableError(`G2A answered HTTP ${status} without a body`, { httpStatus: status }),
          "unknown",
        );
      }
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
      return failure(
        new G2aApiError(
          "bad_response",
          `G2A answer did not match the expected shape${where}: ${issue?.message ?? "invalid"}`,
          { httpStatus: status },
        ),
        "no",
      );
    }
    const errorBody = readErrorBody(text);
    const g2a = { g2aCode: errorBody?.code ?? undefined, g2aMessage: errorBody?.message ?? undefined };
    if (status === 429) {
      const retryAfter = retryAfterSeconds(result.headers, this.#options.now());
      const error = new G2aApiRateLimitError(retryAfter, g2a);
      if (retryAfter !== undefined && retryAfter > this.#options.retryAfterCapSeconds) {
        return { ok: false, error, retry: "no", errorBody };
      }
      return {
        ok: false,
        error,
        retry: "safe",
        delayMs: retryAfter === undefined ? undefined : retryAfter * 1000,
        errorBody,
      };
    }
    const said = describe(g2a) + (errorBody?.firstError ? ` (${errorBody.firstError})` : "");
    if (status >= 500) {
      const error = new G2aApiError("unavailable", `G2A answered HTTP ${status}${said}`, {
        httpStatus: status,
        ...g2a,
      });
      return { ok: false, error, retry: "unknown", errorBody };
    }
    const kind = status === 404 ? "not_found" : status === 409 ? "conflict" : "bad_request";
    const error = new G2aApiError(kind, `G2A refused (HTTP ${status}${said})`, { httpStatus: status, ...g2a });
    return { ok: false, error, retry: "no", errorBody };
  }

  #log(route: string, result: Authorized, judged: Attempt<unknown>, attempt: number): void {
    const fields = {
      route,
      outcome: result.kind,
      status: result.kind === "response" ? result.status : undefined,
      ms: "ms" in result ? result.ms : undefined,
      attempt,
      g2aCode: judged.ok ? undefined : judged.error.g2aCode,
    };
    if (judged.ok) this.#options.logger.debug(fields, "g2a call");
    else this.#options.logger.info({ ...fields, error: judged.error.message }, "g2a call failed");
  }
}

function readErrorBody(text: string): G2aErrorBody | null {
  const parsed = errorBodySchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : null;
}

function describe(g2a: { g2aCode?: string; g2aMessage?: string }): string {
  if (g2a.g2aCode && g2a.g2aMessage) return `, code ${g2a.g2aCode}: ${g2a.g2aMessage}`;
  if (g2a.g2aCode) return `, code ${g2a.g2aCode}`;
  if (g2a.g2aMessage) return `: ${g2a.g2aMessage}`;
  return "";
}
