import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Exchange } from "./exchange";
import { bodyReader, type BodyRead, type Reply } from "./http-io";
import { matchRoute, type RouteDefinition } from "./router";

/** What a route's handler is given. */
export interface RouteRequest {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  readBody: () => Promise<BodyRead>;
}

export function routeRequest(exchange: Exchange, params: Record<string, string>): RouteRequest {
  const { req, method, url } = exchange;
  return { method, url, params, headers: req.headers, readBody: bodyReader(req) };
}

/** The control API's paths: `/__sim` and below. */
export function isControlPath(pathname: string): boolean {
  return pathname === "/__sim" || pathname.startsWith("/__sim/");
}

export interface SimpleRoute<C, R extends Reply> extends RouteDefinition {
  handler: (context: C, request: RouteRequest) => R | Promise<R>;
}

/** Routes outside an API's pipeline, such as the control API: never counted, faulted or rate-limited. */
export interface SimpleRouteGroup<C, R extends Reply> {
  routes: readonly SimpleRoute<C, R>[];
  /** Checked before routing; a refusal is answered as it is. */
  guard?: (req: IncomingMessage) => R | null;
  notFound: (method: string, pathname: string) => R;
  /** Sent with an Allow header naming the methods the path takes. */
  wrongMethod: (method: string) => R;
  /** The answer to a request whose handler threw. */
  internalError: () => R;
}

/** Answers a request from a group of simple routes; any method but GET counts as a change of state. */
export async function dispatchSimple<C extends { changed: () => void }, R extends Reply>(
  context: C,
  group: SimpleRouteGroup<C, R>,
  exchange: Exchange,
  write: (reply: R) => void,
): Promise<void> {
  const { method, url } = exchange;
  const refusal = group.guard?.(exchange.req) ?? null;
  if (refusal) return write(refusal);
  const match = matchRoute(group.routes, method, url.pathname);
  if (match.kind === "none") return write(group.notFound(method, url.pathname));
  if (match.kind === "wrongMethod")
    return write({ ...group.wrongMethod(method), headers: { Allow: match.allowed.join(", ") } });
  const reply = await match.route.handler(context, routeRequest(exchange, match.params));
  if (method !== "GET") context.changed();
  write(reply);
}
