export {
  G2aApiClient,
  createG2aApiClient,
  type G2aApiClientOptions,
  type G2aCompetitorOffer,
  type G2aCreatedOffer,
  type G2aOfferFilter,
  type G2aUpdateResult,
} from "./client";
export {
  G2aApiAuthError,
  G2aApiError,
  G2aApiRateLimitError,
  G2aApiUnavailableError,
  G2aJobError,
  G2aPriceChangeBudgetError,
  G2aPriceOutOfLimitsError,
  type G2aApiErrorKind,
  type G2aJobElement,
} from "./errors";
export type { CallOptions } from "./http";
export {
  MAX_DECLARED_STOCK,
  toG2aPrice,
  type G2aNewOffer,
  type G2aOfferChanges,
  type G2aVisibility,
} from "./offer-requests";
export type { G2aOffer, G2aPriceLimit, G2aPriceSimulation } from "./schemas";
export { createG2aApiTokenStore } from "./token-store";
export type { StoredToken, TokenStore } from "@/lib/api-client/token-store";
export { g2aApiConnection, getG2aApiClient, localG2aSandboxUrl } from "./configured";
