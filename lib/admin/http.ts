import type { z } from "zod";
import type { Actor } from "@/lib/audit";
import { requireRole, type Role } from "@/lib/auth/roles";
import { getActor } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError, toAdminError } from "@/lib/errors";
import { BODY_LIMITS, parseJsonBody, readLimitedBody } from "@/lib/http/body";
import { NO_STORE } from "@/lib/http/secure-route";
import { wrapRoute, type HandlerContext, type RouteContext } from "@/lib/http/route-core";
import { jsonWithBigInts } from "@/lib/json";

// OPTIONS is listed so that a route exporting it answers 405 like any other unlisted method;
// otherwise Next answers it by itself with a bodyless 204.
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];
export type AdminMethod = Exclude<Method, "OPTIONS">;

const MUTATIONS: ReadonlySet<Method> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Reading is open to every role; changing anything needs ADMIN unless the route lowers it. */
const DEFAULT_ROLES: Record<AdminMethod, Role> = {
  GET: "VIEWER",
  POST: "ADMIN",
  PUT: "ADMIN",
  PATCH: "ADMIN",
  DELETE: "ADMIN",
};

export type AdminRequestContext = HandlerContext & {
  /** The signed-in user, with a role at least the method's minimum. */
  actor: Actor;
  /**
   * The JSON body, read under the 1 MiB cap: 400 when empty or malformed. With a schema, the parsed
   * value, and a zod failure answers 400 VALIDATION_FAILED with the fields that failed.
   */
  json: {
    (): Promise<unknown>;
    <T>(schema: z.ZodType<T>): Promise<T>;
  };
};

export type AdminHandler = (context: AdminRequestContext) => Promise<Response>;

export type AdminRouteOptions = {
  /** Minimum role per method, over the defaults (GET: VIEWER, mutations: ADMIN). */
  roles?: Partial<Record<AdminMethod, Role>>;
};

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": NO_STORE };

/** An admin API JSON answer. */
export function adminJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(jsonWithBigInts(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * Cross-site request forgery guard for mutations: the browser's Origin must be the dashboard's own,
 * as NEXTAUTH_URL names it. Not the request's Host: behind a proxy that forwards any Host, a page on
 * another site could make the two agree.
 */
function assertSameOrigin(request: Request): void {
  const header = request.headers.get("origin");
  if (!header)
    throw new AppError("INVALID_ORIGIN", "Changes need an Origin header from this site; the request was refused");
  if (originOf(header) !== originOf(getEnv().NEXTAUTH_URL))
    throw new AppError("INVALID_ORIGIN", "This request came from another site and was refused");
}

async function authorize(
  request: Request,
  db: Db,
  method: AdminMethod,
  roles: Record<AdminMethod, Role>,
): Promise<Actor> {
  const actor = await getActor(request, db);
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to continue");
  requireRole(actor, roles[method]);
  return actor;
}

function bodyReader(request: Request) {
  let body: Promise<unknown> | undefined;
  const read = () => (body ??= readLimitedBody(request, BODY_LIMITS.admin).then(parseJsonBody));
  function json(): Promise<unknown>;
  function json<T>(schema: z.ZodType<T>): Promise<T>;
  async function json(schema?: z.ZodType): Promise<unknown> {
    const value = await read();
    return schema ? schema.parse(value) : value;
  }
  return json;
}

/**
 * Every admin API route goes through here: method (405), session (401), role (403), the Origin of
 * mutations (403 INVALID_ORIGIN), then the handler. Any error becomes `{code, message, fieldErrors?}`;
 * unexpected ones answer 500 without details and are logged. Each call writes one log line with the
 * actor's e-mail, never a body, password or token.
 */
export function adminRoute(
  handlers: Partial<Record<AdminMethod, AdminHandler>>,
  options: AdminRouteOptions = {},
): Record<Method, (request: Request, context: RouteContext) => Promise<Response>> {
  const roles = { ...DEFAULT_ROLES, ...options.roles };
  return wrapRoute(METHODS, {
    name: "admin request",
    served: METHODS.filter((method) => method !== "OPTIONS" && handlers[method]),
    fail(error, call) {
      const envelope = toAdminError(error);
      if (!envelope.expected)
        call.log().error({ err: error, method: call.method, path: call.url.pathname }, "admin request failed");
      return adminJson(
        envelope.body,
        envelope.status,
        envelope.retryAfterSeconds ? { "Retry-After": String(envelope.retryAfterSeconds) } : {},
      );
    },
    async answer(call) {
      const { method, request } = call;
      const adminMethod = method === "OPTIONS" ? null : method;
      const handler = adminMethod ? handlers[adminMethod] : undefined;
      if (!adminMethod || !handler) throw new AppError("BAD_REQUEST", `${method} is not allowed here`, { status: 405 });
      const db = getDb();
      const actor = await authorize(request, db, adminMethod, roles);
      call.fields.actor = actor.email;
      if (MUTATIONS.has(adminMethod)) assertSameOrigin(request);
      return handler({
        request,
        url: call.url,
        params: await call.params(),
        db,
        actor,
        log: call.log(),
        json: bodyReader(request),
        annotate: (more) => Object.assign(call.fields, more),
      });
    },
  });
}
