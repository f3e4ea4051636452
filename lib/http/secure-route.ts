import { getEnv } from "@/lib/env";
import { applySecurityHeaders } from "./security-headers";

/**
 * Cache-Control of every API answer: never stored, and never compressed on the way (Next.js would
 * gzip each small JSON answer on the event loop, costing more CPU than the bytes it saves).
 */
export const NO_STORE = "no-store, no-transform";

/** Sets the security headers on an answer, with HSTS as NEXTAUTH_URL says; `csp` is a page's own policy. */
export function addSecurityHeaders(headers: Headers, csp?: string): void {
  applySecurityHeaders(headers, { nextAuthUrl: getEnv().NEXTAUTH_URL, csp });
}

/**
 * For route handlers outside the G2A and admin wrappers (the workflow endpoint, next-auth, health,
 * unknown API paths): their answers carry the security headers like every other answer.
 */
export function secureRoute<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    const answer = await handler(...args);
    // A copy: some answers (Response.redirect(), fetched ones) have immutable headers.
    const secured = new Response(answer.body, answer);
    addSecurityHeaders(secured.headers);
    return secured;
  };
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers for every method a route does not serve: 405 with Allow and the usual headers (Next's own
 * 405 would carry neither). Spread next to the route's own handlers.
 */
export function refuseOtherMethods(served: readonly Method[]): Partial<Record<Method, () => Promise<Response>>> {
  const allow = served.join(", ");
  const refuse = secureRoute(async () =>
    Response.json(
      { code: "BAD_REQUEST", message: `this method is not allowed here (allowed: ${allow})` },
      { status: 405, headers: { Allow: allow, "Cache-Control": NO_STORE } },
    ),
  );
  return Object.fromEntries(
    METHODS.filter((method) => !served.includes(method) && method !== "HEAD").map((method) => [method, refuse]),
  );
}
