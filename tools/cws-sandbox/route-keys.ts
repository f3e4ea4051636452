import { routeKeyGuard } from "../sandbox-kit/route-keys";

// The route keys used by fault `routes`, rate-limit `limits` and request counters (spec §13.13).

export const API_ROUTE_KEYS = [
  "POST /oauth/token",
  "GET /v3/products",
  "GET /v3/products/{productId}",
  "GET /v3/products/{productId}/description",
  "GET /v3/platforms",
  "GET /v3/regions",
  "GET /v3/languages",
  "GET /v3/accounts/current",
  "POST /v3/orders",
  "GET /v3/orders",
  "GET /v3/orders/{orderId}",
  "GET /v3/codes/{codeId}",
] as const;

export type ApiRouteKey = (typeof API_ROUTE_KEYS)[number];

export const isApiRouteKey = routeKeyGuard(API_ROUTE_KEYS);
