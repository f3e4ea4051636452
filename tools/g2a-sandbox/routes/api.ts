import { splitRouteKey } from "../../sandbox-kit/route-keys";
import type { RouteDefinition } from "../../sandbox-kit/router";
import type { ApiRequest, Handler } from "../context";
import type { ApiRouteKey } from "../route-keys";
import type { CompetitorPath } from "../settings";
import { listCompetitorOffers } from "./competitors";
import { getJob } from "./jobs";
import { postToken } from "./oauth";
import { deleteOffer, getOffer, listOffers, patchOffer, postOffer } from "./offers";
import { getSimulation } from "./pricing";

export interface ApiRoute extends RouteDefinition {
  key: ApiRouteKey;
  /** token: the token endpoint, open to all. bearer: needs a live access token. */
  access: "token" | "bearer";
  /** The settings.competitorPaths entry without which this route does not exist. */
  competitorPath?: CompetitorPath;
  handler: Handler<ApiRequest>;
}

function route(
  key: ApiRouteKey,
  access: ApiRoute["access"],
  handler: Handler<ApiRequest>,
  competitorPath?: CompetitorPath,
): ApiRoute {
  return { key, ...splitRouteKey(key), access, handler, competitorPath };
}

export const API_ROUTES: readonly ApiRoute[] = [
  route("POST /oauth/token", "token", postToken),
  route("GET /oauth/token", "token", postToken),
  route("POST /v3/sales/offers", "bearer", postOffer),
  route("GET /v3/sales/offers", "bearer", listOffers),
  route("GET /v3/sales/offers/{offerId}", "bearer", getOffer),
  route("PATCH /v3/sales/offers/{offerId}", "bearer", patchOffer),
  route("DELETE /v3/sales/offers/{offerId}", "bearer", deleteOffer),
  route("GET /v3/jobs/{jobId}", "bearer", getJob),
  route("GET /v3/pricing/simulations", "bearer", getSimulation),
  route("GET /v3/products/{productId}/offers", "bearer", listCompetitorOffers, "products"),
  route("GET /v3/sales/products/{productId}/offers", "bearer", listCompetitorOffers, "sales"),
];
