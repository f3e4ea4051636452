export {
  G2aApiClient,
  createG2aApiClient,
  type G2aApiClientOptions,
  type G2aCompetitorOffer,
  type G2aCreatedOffer,
  type G2aJobState,
  type G2aOfferFilter,
  type G2aStartedOffer,
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
export { createG2aApiTokenStore, forgetG2aApiToken } from "./token-store";
export type { StoredToken, TokenStore } from "@/lib/api-client/token-store";
export { getG2aApiClient } from "./configured";
export {
  environmentG2aApiConnection,
  localG2aSandboxUrl,
  normalizeBaseUrl,
  readSavedG2aApiConnection,
  removeSavedG2aApiConnection,
  resolveG2aApiConnections,
  saveG2aApiConnection,
  type G2aApiConnection,
  type G2aApiConnections,
  type G2aApiConnectionEnv,
  type G2aApiConnectionSource,
  type G2aApiCredentials,
  type SavedG2aApiConnection,
} from "./connection";
export { checkG2aApiConnection, type G2aApiConnectionCheck } from "./connection-check";
