/**
 * What went wrong talking to G2A's Import API, as values the product can act on.
 * Messages carry G2A's own code and message and never a token or the client secret.
 */
export type G2aApiErrorKind =
  /** Our credentials were refused, or a fresh token was refused again: an operator must act. */
  | "auth"
  /** G2A could not be reached or kept failing: network error, timeout, 5xx, or retries used up. */
  | "unavailable"
  /** G2A throttled us for longer than one call is willing to wait. */
  | "rate_limited"
  | "bad_request"
  | "not_found"
  /** An offer for the product exists but could not be found to adopt. */
  | "conflict"
  /** An answer did not have a shape this client can read. */
  | "bad_response"
  /** A price ≤ 0 or outside the product's limits, refused before sending. */
  | "price_out_of_limits"
  /** The per-product price-change budget is spent; refused before sending. */
  | "price_change_budget"
  /** A request this client refuses to send (e.g. activating an offer with no stock). */
  | "invalid_request"
  /** G2A's job finished with a failed element. */
  | "job_failed"
  /** G2A's job was still running after the last poll. */
  | "job_unfinished"
  /** G2A does not know the job it handed out (404 on poll). */
  | "job_lost";

export type G2aApiErrorDetails = {
  httpStatus?: number;
  g2aCode?: string;
  g2aMessage?: string;
  retryAfterSeconds?: number;
  jobId?: string;
  cause?: unknown;
};

export class G2aApiError extends Error {
  readonly kind: G2aApiErrorKind;
  readonly httpStatus?: number;
  /** G2A's error or job-element code, e.g. "BR03" or "PRICE_ABOVE_MAX". */
  readonly g2aCode?: string;
  readonly g2aMessage?: string;
  readonly retryAfterSeconds?: number;
  readonly jobId?: string;

  constructor(kind: G2aApiErrorKind, message: string, details: G2aApiErrorDetails = {}) {
    super(message, { cause: details.cause });
    this.name = "G2aApiError";
    this.kind = kind;
    this.httpStatus = details.httpStatus;
    this.g2aCode = details.g2aCode;
    this.g2aMessage = details.g2aMessage;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.jobId = details.jobId;
  }
}

export class G2aApiUnavailableError extends G2aApiError {
  constructor(message: string, details: Pick<G2aApiErrorDetails, "httpStatus" | "cause"> = {}) {
    super("unavailable", message, details);
    this.name = "G2aApiUnavailableError";
  }
}

export class G2aApiRateLimitError extends G2aApiError {
  constructor(retryAfterSeconds: number | undefined, details: Pick<G2aApiErrorDetails, "g2aCode" | "g2aMessage"> = {}) {
    super("rate_limited", `G2A rate limit reached${retryAfterSeconds ? `; retry after ${retryAfterSeconds} s` : ""}`, {
      httpStatus: 429,
      retryAfterSeconds,
      ...details,
    });
    this.name = "G2aApiRateLimitError";
  }
}

export class G2aApiAuthError extends G2aApiError {
  constructor(message: string, details: Pick<G2aApiErrorDetails, "httpStatus"> = {}) {
    super("auth", message, details);
    this.name = "G2aApiAuthError";
  }
}

/** A price this client will not send: not positive, or outside the product's known limits. */
export class G2aPriceOutOfLimitsError extends G2aApiError {
  readonly priceCents: bigint;
  readonly minCents: bigint | null;
  readonly maxCents: bigint | null;

  constructor(message: string, price: { priceCents: bigint; minCents: bigint | null; maxCents: bigint | null }) {
    super("price_out_of_limits", message);
    this.name = "G2aPriceOutOfLimitsError";
    this.priceCents = price.priceCents;
    this.minCents = price.minCents;
    this.maxCents = price.maxCents;
  }
}

/** The product's price already changed as often as the budget allows this hour. */
export class G2aPriceChangeBudgetError extends G2aApiError {
  readonly productId: string;
  /** When the oldest change of the window leaves it, making one more change possible. */
  readonly possibleAt: Date;

  constructor(productId: string, changesPerHour: number, possibleAt: Date, now: number) {
    const seconds = Math.max(1, Math.ceil((possibleAt.getTime() - now) / 1000));
    super(
      "price_change_budget",
      `price of product ${productId} already changed ${changesPerHour} times in the last hour; ` +
        `next change possible at ${possibleAt.toISOString()} (in ${seconds} s)`,
      { retryAfterSeconds: seconds },
    );
    this.name = "G2aPriceChangeBudgetError";
    this.productId = productId;
    this.possibleAt = possibleAt;
  }
}

/** One element of a finished job, as reported by G2A. */
export type G2aJobElement = {
  resourceId: string | null;
  resourceType: string | null;
  status: string | null;
  code: string | null;
  message: string | null;
};

/** A job G2A ran on our request (create, update) failed, unfinished or lost. */
export class G2aJobError extends G2aApiError {
  readonly elements: readonly G2aJobElement[];

  constructor(
    kind: "job_failed" | "job_unfinished" | "job_lost",
    message: string,
    details: G2aApiErrorDetails & { jobId: string; elements?: readonly G2aJobElement[] },
  ) {
    super(kind, message, details);
    this.name = "G2aJobError";
    this.elements = details.elements ?? [];
  }
}
