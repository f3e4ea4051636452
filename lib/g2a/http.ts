import { getDb, type Db } from "@/lib/db";
import { AppError, toG2aError } from "@/lib/errors";
import { bearerToken } from "@/lib/http/bearer";
import { BODY_LIMITS, parseJsonBody, readLimitedBody } from "@/lib/http/body";
import { NO_STORE } from "@/lib/http/secure-route";
import { wrapRoute, type HandlerContext, type RouteContext } from "@/lib/http/route-core";
import type { Logger } from "@/lib/logger";
import { recordG2aRequest } from "@/lib/metrics/record";
import { verifyG2aAccessToken, type G2aCaller } from "./credentials";

// OPTIONS is listed so that routes exporting it answer 405 like any other unlisted method (§2);
// otherwise Next answers it by itself with a bodyless 204.
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];

export type G2aRequestContext = HandlerContext & {
  /** The authenticated caller (every route but the token endpoint). */
  caller: G2aCaller | null;
  /** The raw body, read under the 64 KiB cap. */
  body: Buffer;
  /** The body parsed as JSON: 400 when empty or malformed. */
  json(): unknown;
};

type Handler = (context: G2aRequestContext) => Promise<Response>;
type RouteOptions = {
  /** False for the token endpoint and unknown paths, which answer before any bearer check. */
  authenticate?: boolean;
  /** False for unknown paths: 404 wins over the body size check (§3.1). */
  readBody?: boolean;
};

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": NO_STORE };

/** A G2A JSON answer with exactly the given body (§3.2). */
export function g2aJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function g2aNoContent(): Response {
  return new Response(null, { status: 204, headers: { "Cache-Control": NO_STORE } });
}

function errorResponse(error: unknown, log: () => Logger): Response {
  const envelope = toG2aError(error);
  if (!envelope.expected) log().error({ err: error }, "g2a request failed");
  return g2aJson(envelope.body, envelope.status, {
    ...(envelope.status === 401 ? { "WWW-Authenticate": "Bearer" } : {}),
    ...(envelope.retryAfterSeconds ? { "Retry-After": String(envelope.retryAfterSeconds) } : {}),
  });
}

async function authenticate(request: Request, db: Db): Promise<G2aCaller> {
  const token = bearerToken(request);
  if (!token)
    throw new AppError(
      "UNAUTHORIZED",
      request.headers.has("authorization") ? "authorization must be a bearer token" : "missing bearer token",
    );
  const caller = await verifyG2aAccessToken(db, token);
  if (!caller) throw new AppError("UNAUTHORIZED", "invalid or expired access token");
  return caller;
}

/**
 * Every G2A route goes through here, in the order of the contract (§3.1): method, bearer token,
 * body size, then the handler (JSON, schema, business rules). Any error becomes `{code, message}`,
 * and each call writes one log line without tokens, secrets or keys.
 */
export function g2aRoute(
  handlers: Partial<Record<Method, Handler>>,
  options: RouteOptions = {},
): Record<Method, (request: Request, context: RouteContext) => Promise<Response>> {
  return wrapRoute(METHODS, {
    name: "g2a request",
    served: METHODS.filter((method) => handlers[method]),
    fail: (error, call) => errorResponse(error, call.log),
    answered: (method, pathname, status, ms) => recordG2aRequest(method, pathname, status, ms),
    async answer(call) {
      const { request, fields } = call;
      const handler = handlers[call.method];
      if (!handler) throw new AppError("BAD_REQUEST", `method ${call.method} is not allowed here`, { status: 405 });
      const db = getDb();
      const caller = options.authenticate === false ? null : await authenticate(request, db);
      if (caller) fields.g2aClient = caller.clientId;
      const body = options.readBody === false ? Buffer.alloc(0) : await readLimitedBody(request, BODY_LIMITS.g2a);
      return handler({
        request,
        url: call.url,
        params: await call.params(),
        db,
        get log() {
          return call.log();
        },
        caller,
        body,
        json: () => parseJsonBody(body),
        annotate: (more) => Object.assign(fields, more),
      });
    },
  });
}
