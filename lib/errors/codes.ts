/** Every error code the product answers with, and its HTTP status. */
export const ERROR_STATUS = {
  // G2A contract codes (g2a-merchant-contract.md §3.4)
  UNAUTHORIZED: 401,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  PRODUCT_NOT_MAPPED: 404,
  OUT_OF_STOCK: 409,
  PRICE_TOO_LOW: 409,
  SELLING_PAUSED: 409,
  RESERVATION_EXPIRED: 410,
  RESERVATION_CONSUMED: 400,
  ORDER_EXISTS: 409,
  FULFILLMENT_FAILED: 500,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  // Admin API codes
  VALIDATION_FAILED: 400,
  FORBIDDEN: 403,
  /** A mutation whose Origin header is missing or not this site's: refused as cross-site request forgery. */
  INVALID_ORIGIN: 403,
  CONFLICT: 409,
  /** The change would leave no active ADMIN, and nobody could manage users or credentials again. */
  LAST_ADMIN: 409,
  RATE_LIMITED: 429,
  ORDER_ALREADY_FULFILLED: 400,
  INVALID_STATE: 409,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The codes G2A may receive; anything else is translated before it reaches G2A. */
export const G2A_ERROR_CODES = [
  "UNAUTHORIZED",
  "BAD_REQUEST",
  "NOT_FOUND",
  "PRODUCT_NOT_MAPPED",
  "OUT_OF_STOCK",
  "PRICE_TOO_LOW",
  "SELLING_PAUSED",
  "RESERVATION_EXPIRED",
  "RESERVATION_CONSUMED",
  "ORDER_EXISTS",
  "FULFILLMENT_FAILED",
  "PAYLOAD_TOO_LARGE",
  "INTERNAL",
] as const satisfies readonly ErrorCode[];

export type G2aErrorCode = (typeof G2A_ERROR_CODES)[number];
