import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { logger, requestLogger, type Logger } from "@/lib/logger";
import { closeIfBodyLeftUnread } from "./body";
import { addSecurityHeaders, NO_STORE } from "./secure-route";

/** What Next passes a route handler besides the request. */
export type RouteContext = { params?: Promise<Record<string, string | string[] | undefined> | undefined> };

/** What every wrapped route's handler gets; each wrapper adds its own (the G2A caller, the admin actor, the body). */
export type HandlerContext = {
  request: Request;
  url: URL;
  /** The route's path parameters, catch-all ones joined with "/". */
  params: Record<string, string>;
  db: Db;
  log: Logger;
  /** Adds fields (ids, counts) to the request's log line. */
  annotate(fields: Record<string, unknown>): void;
};

/** One call of a wrapped route, as the G2A and admin wrappers see it. */
export type RouteCall<Method extends string> = {
  method: Method;
  request: Request;
  url: URL;
  /** The route's path parameters, catch-all ones joined with "/". */
  params(): Promise<Record<string, string>>;
  /** The request's logger (with its id), made when first used. */
  log(): Logger;
  /** Fields (ids, the caller) added to the request's log line. */
  fields: Record<string, unknown>;
};

type Wrapper<Method extends string> = {
  /** The log line's message, such as "g2a request". */
  name: string;
  /** The methods the route serves: others get the Allow header on their 405. */
  served: readonly Method[];
  /** Answers the call; what it throws goes to `fail`. */
  answer(call: RouteCall<Method>): Promise<Response>;
  /** The answer to an error, in the wrapper's own error format. */
  fail(error: unknown, call: RouteCall<Method>): Response;
  /** Told of every answer (metrics). */
  answered?(method: Method, pathname: string, status: number, ms: number): void;
};

function flatParams(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : (value ?? "")]),
  );
}

/**
 * The skeleton every wrapped route shares: request id (the caller's X-Request-Id or a new one),
 * errors through the wrapper's format, Allow on a 405, no caching, the security headers, the
 * connection closed when a body was left unread, and one log line per call without bodies,
 * tokens or secrets.
 */
export function wrapRoute<Method extends string>(
  methods: readonly Method[],
  wrapper: Wrapper<Method>,
): Record<Method, (request: Request, context: RouteContext) => Promise<Response>> {
  const run = (method: Method) => async (request: Request, context: RouteContext) => {
    const started = performance.now();
    const url = new URL(request.url);
    const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
    let child: Logger | undefined;
    const call: RouteCall<Method> = {
      method,
      request,
      url,
      params: async () => flatParams((await context?.params) ?? {}),
      log: () => (child ??= requestLogger(requestId)),
      fields: {},
    };
    let response: Response;
    try {
      response = await wrapper.answer(call);
    } catch (error) {
      response = wrapper.fail(error, call);
    }
    if (!wrapper.served.includes(method)) response.headers.set("Allow", wrapper.served.join(", "));
    response.headers.set("Cache-Control", NO_STORE);
    response.headers.set("X-Request-Id", requestId);
    closeIfBodyLeftUnread(request, response);
    addSecurityHeaders(response.headers);
    const ms = performance.now() - started;
    wrapper.answered?.(method, url.pathname, response.status, ms);
    logger.info(
      {
        requestId,
        method,
        path: url.pathname,
        status: response.status,
        ms: Math.round(ms),
        ...call.fields,
      },
      wrapper.name,
    );
    return response;
  };
  return Object.fromEntries(methods.map((method) => [method, run(method)])) as Record<Method, ReturnType<typeof run>>;
}
