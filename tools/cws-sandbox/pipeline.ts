import type { IncomingMessage, ServerResponse } from "node:http";
import { checkBearer } from "./auth";
import type { ApiRequest, SimContext } from "./context";
import { routesMatch, sampleFault } from "./faults";
import type { Holds } from "./holds";
import { apiError, bodyReader, tooManyRequests, writeReply, type Reply } from "./http-io";
import { takeRateSlot } from "./rate-limit";
import { API_ROUTES, type ApiRoute } from "./routes/api";
import { tokenMethodNotAllowed } from "./routes/oauth";
import { matchRoute } from "./router";
import { countIn } from "./state";

/** What the pipeline learnt about a request, for the request log. */
export interface RequestTrace {
  faults: string[];
}

const TOKEN_PATH = "/oauth/token";

function noteFault(sim: SimContext, trace: RequestTrace, fault: string, label = fault): void {
  countIn(sim.state.counters.faultsApplied, fault);
  trace.faults.push(label);
}

/** Step 6: who is calling, and whether their rate window has room. */
function admit(sim: SimContext, route: ApiRoute, request: ApiRequest, trace: RequestTrace): Reply | null {
  if (route.access !== "bearer") return null;
  const now = Date.now();
  const bearer = checkBearer(sim.state, request.headers, now);
  if (!bearer.ok) return bearer.reply;
  request.clientId = bearer.clientId;
  const slot = takeRateSlot(sim.state, bearer.clientId, route.key, now);
  if (slot.allowed) return null;
  noteFault(sim, trace, "rateLimit");
  return tooManyRequests(slot.retryAfterSeconds);
}

/**
 * Runs one API request through the steps of spec §13.13, in order. The token route applies its rate
 * limit inside its handler, because the client it counts against is named in the request body.
 */
export async function runApiPipeline(
  sim: SimContext,
  holds: Holds,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  trace: RequestTrace,
): Promise<void> {
  const method = req.method ?? "GET";
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
    noteFault(sim, trace, "timeout");
    holds.hold(req.socket, timeout.holdMs);
    return;
  }

  // Step 4: latency.
  const latency = sim.state.faults.latency;
  if ((latency.ms > 0 || latency.jitterMs > 0) && routesMatch(latency.routes, route.key)) {
    noteFault(sim, trace, "latency");
    await holds.sleep(latency.ms + (latency.jitterMs > 0 ? sim.random.nextInt(latency.jitterMs + 1) : 0));
  }

  // Step 5: injected server error (or 429 storm) before any processing.
  const error5xx = sim.state.faults.error5xx;
  if (sampleFault(error5xx, route.key, sim.random)) {
    noteFault(sim, trace, "error5xx", `error5xx:${error5xx.status}`);
    const headers = error5xx.status === 429 ? { "Retry-After": String(error5xx.retryAfterSeconds) } : undefined;
    return writeReply(res, apiError(error5xx.status, 0, "Simulated server error", headers));
  }

  // Steps 6 and 7.
  const request: ApiRequest = {
    method,
    url,
    params,
    headers: req.headers,
    readBody: bodyReader(req),
    routeKey: route.key,
    clientId: null,
  };
  const refusal = admit(sim, route, request, trace);
  if (refusal) return writeReply(res, refusal);
  const reply = await route.handler(sim, request);
  if (method !== "GET") sim.changed();
  if (route.access === "tokenEndpoint" && reply.status === 429) noteFault(sim, trace, "rateLimit");

  // Step 8: the order exists and is paid for, but the client is not told.
  const acceptThenFail = sim.state.faults.acceptThenFail;
  if (reply.createdOrder && sampleFault(acceptThenFail, route.key, sim.random)) {
    const label = `acceptThenFail:${acceptThenFail.mode}` as const;
    reply.createdOrder.httpOutcome = label;
    sim.changed();
    noteFault(sim, trace, "acceptThenFail", label);
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
