import { splitRouteKey } from "../../sandbox-kit/route-keys";
import type { RouteDefinition } from "../../sandbox-kit/router";
import type { ApiRequest, Handler } from "../context";
import type { ApiRouteKey } from "../route-keys";
import { getAccount } from "./account";
import { getCode } from "./codes";
import { postToken } from "./oauth";
import { getOrder, listOrders, postOrder } from "./orders";
import { getProduct, getProductDescription, listProducts, referenceList } from "./products";

export interface ApiRoute extends RouteDefinition {
  key: ApiRouteKey;
  /** tokenEndpoint: rate limit, then credentials. bearer: authentication, then rate limit (spec §13.13 step 6). */
  access: "tokenEndpoint" | "bearer";
  handler: Handler<ApiRequest>;
}

function route(key: ApiRouteKey, access: ApiRoute["access"], handler: Handler<ApiRequest>): ApiRoute {
  return { key, ...splitRouteKey(key), access, handler };
}

export const API_ROUTES: readonly ApiRoute[] = [
  route("POST /oauth/token", "tokenEndpoint", postToken),
  route("GET /v3/products", "bearer", listProducts),
  route("GET /v3/products/{productId}", "bearer", getProduct),
  route("GET /v3/products/{productId}/description", "bearer", getProductDescription),
  route("GET /v3/platforms", "bearer", referenceList("platforms")),
  route("GET /v3/regions", "bearer", referenceList("regions")),
  route("GET /v3/languages", "bearer", referenceList("languages")),
  route("GET /v3/accounts/current", "bearer", getAccount),
  route("POST /v3/orders", "bearer", postOrder),
  route("GET /v3/orders", "bearer", listOrders),
  route("GET /v3/orders/{orderId}", "bearer", getOrder),
  route("GET /v3/codes/{codeId}", "bearer", getCode),
];
