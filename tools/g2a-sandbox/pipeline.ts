import { routeRequest } from "../sandbox-kit/dispatch";
import type { Exchange } from "../sandbox-kit/exchange";
import type { Holds } from "../sandbox-kit/holds";
import { jsonPayload } from "../sandbox-kit/http-io";
import { matchRoute, type RouteMatch } from "../sandbox-kit/router";
import { checkBearer, revokeAllTokens } from "./auth";
import type { ApiRequest, SandboxContext } from "./context";
import { faultError, faultLabel, takeFault, truncateJson } from "./faults";
import { apiError, notFound, tooManyRequests, writeReply, type Reply } from "./http-io";
import { takeRateToken } from "./rate-limit";
import { API_ROUTES, type ApiRoute } from "./routes/api";

/** A competitor path switched off in the settings answers as a path that does not exist. */
function findRoute(sandbox: SandboxContext, method: string, pathname: string): RouteMatch<ApiRoute> {
  const match = matchRoute(API_ROUTES, method, pathname);
  if (match.kind !== "found") return match;
  const { competitorPath } = match.route;
  if (competitorPath && !sandbox.state.settings.competitorPaths.includes(competitorPath)) return { kind: "none" };
  return match;
}

function faultReply(sandbox: SandboxContext, status: number, retryAfterSeconds: number): Reply {
  // "Token revoked mid-session": the client's token is gone, not only this answer.
  if (status === 401) revokeAllTokens(sandbox.state);
  const [code, message] = faultError(status);
  const headers = status === 429 ? { "Retry-After": String(retryAfterSeconds) } : undefined;
  return apiError(status, code, message, headers);
}

function spoil(reply: Reply): Reply {
  return { ...reply, rawBody: truncateJson(jsonPayload(reply)) };
}

/**
 * One API request, in order: route; injected fault (delay, then a replaced answer); rate limit;
 * authentication; the handler; a malformed-answer fault. Faults come first so that they can hit any
 * request, an unauthenticated one or the token endpoint included.
 */
export async function runApiPipeline(sandbox: SandboxContext, holds: Holds, exchange: Exchange): Promise<void> {
  const { req, res, method, url } = exchange;
  const match = findRoute(sandbox, method, url.pathname);
  if (match.kind === "none") return writeReply(res, notFound(`No resource at ${method} ${url.pathname}`));
  if (match.kind === "wrongMethod") {
    const reply = apiError(405, "METHOD_NOT_ALLOWED", `Method ${method} is not allowed here`, {
      Allow: match.allowed.join(", "),
    });
    return writeReply(res, reply);
  }
  const { route, params } = match;
  if (route.access === "token") sandbox.state.tokenRequests += 1;

  const fault = takeFault(sandbox.state.faults, route.key);
  if (fault) {
    exchange.faults.push(faultLabel(fault));
    if (fault.delayMs > 0) await holds.sleep(fault.delayMs);
    if (fault.status !== null) {
      const reply = faultReply(sandbox, fault.status, fault.retryAfterSeconds);
      return writeReply(res, fault.malformed ? spoil(reply) : reply);
    }
  }

  const now = Date.now();
  const rate = takeRateToken(sandbox.state.bucket, sandbox.state.settings.rateLimit, now);
  sandbox.state.bucket = rate.bucket;
  if (!rate.decision.allowed) {
    exchange.faults.push("rateLimit");
    return writeReply(res, tooManyRequests(rate.decision.retryAfterSeconds));
  }
  if (route.access === "bearer") {
    const bearer = checkBearer(sandbox.state, req.headers, now);
    if (!bearer.ok) return writeReply(res, bearer.reply);
  }

  const request: ApiRequest = { ...routeRequest(exchange, params), routeKey: route.key };
  const reply = await route.handler(sandbox, request);
  if (method !== "GET" || route.access === "token") sandbox.changed();
  writeReply(res, fault?.malformed ? spoil(reply) : reply);
}
