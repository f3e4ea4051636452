/**
 * What went wrong talking to CodesWholesale, as values the product can act on (§9.2).
 * Messages carry CWS's own code and message and never a token, secret or key.
 */
export type CwsErrorKind =
  | "out_of_stock"
  | "balance_too_low"
  | "product_not_found"
  | "invalid_quantity"
  | "price_changed"
  | "not_found"
  | "forbidden"
  | "bad_request"
  | "rate_limited"
  | "unavailable"
  | "auth"
  | "bad_response";

export class CwsError extends Error {
  readonly kind: CwsErrorKind;
  readonly httpStatus?: number;
  readonly cwsCode?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    kind: CwsErrorKind,
    message: string,
    details: { httpStatus?: number; cwsCode?: string; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = "CwsError";
    this.kind = kind;
    this.httpStatus = details.httpStatus;
    this.cwsCode = details.cwsCode;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** CWS could not be reached or kept failing: network error, timeout, 5xx, or retries used up. */
export class CwsUnavailableError extends CwsError {
  constructor(message: string, details: { httpStatus?: number; cause?: unknown } = {}) {
    super("unavailable", message, details);
    this.name = "CwsUnavailableError";
  }
}

/** CWS throttled us and asked for a longer wait than we are willing to spend inside one call. */
export class CwsRateLimitError extends CwsError {
  constructor(retryAfterSeconds: number | undefined) {
    super("rate_limited", `CWS rate limit reached${retryAfterSeconds ? `; retry after ${retryAfterSeconds} s` : ""}`, {
      httpStatus: 429,
      retryAfterSeconds,
    });
    this.name = "CwsRateLimitError";
  }
}

/** Our CWS credentials were refused, or a fresh token was refused again: an operator must act. */
export class CwsAuthError extends CwsError {
  constructor(message: string, details: { httpStatus?: number } = {}) {
    super("auth", message, details);
    this.name = "CwsAuthError";
  }
}

/** Maps a CWS business error (status + code) to its kind (§9.2). */
export function kindOfBusinessError(
  httpStatus: number,
  cwsCode: string | undefined,
  priceChangedCodes: readonly string[],
): CwsErrorKind {
  if (cwsCode !== undefined && priceChangedCodes.includes(cwsCode)) return "price_changed";
  switch (cwsCode) {
    case "10002":
      return "balance_too_low";
    case "20001":
      return "product_not_found";
    case "40002":
      return "invalid_quantity";
    case "310003":
      return "out_of_stock";
    case "30018":
    case "50002":
      return "not_found";
  }
  if (httpStatus === 403) return "forbidden";
  if (httpStatus === 404) return "not_found";
  return "bad_request";
}
