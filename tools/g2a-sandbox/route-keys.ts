import { routeKeyGuard } from "../sandbox-kit/route-keys";

// The route keys that fault rules name, and that the request log's routes are matched against.

export const API_ROUTE_KEYS = [
  "POST /oauth/token",
  "GET /oauth/token",
  "POST /v3/sales/offers",
  "GET /v3/sales/offers",
  "GET /v3/sales/offers/{offerId}",
  "PATCH /v3/sales/offers/{offerId}",
  "DELETE /v3/sales/offers/{offerId}",
  "GET /v3/jobs/{jobId}",
  "GET /v3/pricing/simulations",
  "GET /v3/products/{productId}/offers",
  "GET /v3/sales/products/{productId}/offers",
] as const;

export type ApiRouteKey = (typeof API_ROUTE_KEYS)[number];

export const isApiRouteKey = routeKeyGuard(API_ROUTE_KEYS);
