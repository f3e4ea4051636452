import { routeRequest } from "../sandbox-kit/dispatch";
import type { Exchange } from "../sandbox-kit/exchange";
import type { Holds } from "../sandbox-kit/holds";
import { matchRoute } from "../sandbox-kit/router";
import { checkBearer } from "./auth";
import type { ApiRequest, SimContext } from "./context";
import { routesMatch, sampleFault } from "./faults";
import { apiError, tooManyRequests, writeReply, type Reply } from "./http-io";
import { takeRateSlot } from "./rate-limit";
import { API_ROUTES, type ApiRoute } from "./routes/api";
import { tokenMethodNotAllowed } from "./routes/oauth";
import { countIn } from "./state";

const TOKEN_PATH = "/oauth/token";

/** Counts the fault and notes it for the request log. */
function noteFault(sim: SimContext, exchange: Exchange, fault: string, label = fault): void {
  countIn(sim.state.counters.faultsApplied, fault);
  exchange.faults.push(label);
}

/** Step 6: who is calling, and whether their rate window has room. */
function admit(sim: SimContext, route: ApiRoute, request: ApiRequest, exchange: Exchange): Reply | null {
  if (route.access !== "bearer") return null;
  const now = Date.now();
  const bearer = checkBearer(sim.state, request.headers, now);
  if (!bearer.ok) return bearer.reply;
  request.clientId = bearer.clientId;
  const slot = takeRateSlot(sim.state, bearer.clientId, route.key, now);
  if (slot.allowed) return null;
  noteFault(sim, exchange, "rateLimit");
  return tooManyRequests(slot.retryAfterSeconds);
}

/**
 * Runs one API request through the steps of spec §13.13, in order. The token route applies its rate
 * limit inside its handler, because the client it counts against is named in the request body.
 */
export async function runApiPipeline(sim: SimContext, holds: Holds, exchange: Exchange): Promise<void> {
  const { req, res, method, url } = exchange;
  const match = matchRoute(API_ROUTES, method, url.pathname);

  // Step 1: count it under its route key (literal path for unknown routes).
  let routeKey = `${method} ${url.pathname}`;
  if (match.kind === "found") routeKey = match.route.key;
  if (match.kind === "wrongMethod") routeKey = `${method} ${match.pattern}`;
  countIn(sim.state.counters.requests, routeKey);

  // Step 2: route.
  if (match.kind === "none") return writeReply(res, apiError(404, 0, `No handler for ${method} ${url.pathname}`));
  if (match.kind === "wrongMethod") {
    const allow = { Allow: match.allowed.join(", ") };
    const reply =
      match.pattern === TOKEN_PATH
        ? tokenMethodNotAllowed(method)
        : apiError(405, 0, `Request method '${method}' not supported`, allow);
    return writeReply(res, reply);
  }
  const { route, params } = match;

  // Step 3: timeout — nothing is processed, the client sees no answer at all.
  const timeout = sim.state.faults.timeout;
  if (sampleFault(timeout, route.key, sim.random)) {
    noteFault(sim, exchange, "timeout");
    holds.hold(req.socket, timeout.holdMs);
    return;
  }

  // Step 4: latency.
  const latency = sim.state.faults.latency;
  if ((latency.ms > 0 || latency.jitterMs > 0) && routesMatch(latency.routes, route.key)) {
    noteFault(sim, exchange, "latency");
    await holds.sleep(latency.ms + (latency.jitterMs > 0 ? sim.random.nextInt(latency.jitterMs + 1) : 0));
  }

  // Step 5: injected server error (or 429 storm) before any processing.
  const error5xx = sim.state.faults.error5xx;
  if (sampleFault(error5xx, route.key, sim.random)) {
    noteFault(sim, exchange, "error5xx", `error5xx:${error5xx.status}`);
    const headers = error5xx.status === 429 ? { "Retry-After": String(error5xx.retryAfterSeconds) } : undefined;
    return writeReply(res, apiError(error5xx.status, 0, "Simulated server error", headers));
  }

  // Steps 6 and 7.
  const request: ApiRequest = { ...routeRequest(exchange, params), routeKey: route.key, clientId: null };
  const refusal = admit(sim, route, request, exchange);
  if (refusal) return writeReply(res, refusal);
  const reply = await route.handler(sim, request);
  if (method !== "GET") sim.changed();
  if (route.access === "tokenEndpoint" && reply.status === 429) noteFault(sim, exchange, "rateLimit");

  // Step 8: the order exists and is paid for, but the client is not told.
  const acceptThenFail = sim.state.faults.acceptThenFail;
  if (reply.createdOrder && sampleFault(acceptThenFail, route.key, sim.random)) {
    const label = `acceptThenFail:${acceptThenFail.mode}` as const;
    reply.createdOrder.httpOutcome = label;
    sim.changed();
    noteFault(sim, exchange, "acceptThenFail", label);
    if (acceptThenFail.mode === "500") return writeReply(res, apiError(500, 0, "Simulated server error"));
    if (acceptThenFail.mode === "drop") {
      req.socket.destroy();
      return;
    }
    holds.hold(req.socket, acceptThenFail.holdMs);
    return;
  }
  writeReply(res, reply);
}
