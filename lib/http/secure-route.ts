import { getEnv } from "@/lib/env";
import { applySecurityHeaders } from "./security-headers";

/**
 * For route handlers outside the G2A and admin wrappers (the workflow endpoint, next-auth, health,
 * unknown API paths): their answers carry the security headers like every other answer.
 */
export function secureRoute<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return async (...args) => {
    const answer = await handler(...args);
    // A copy: some answers (Response.redirect(), fetched ones) have immutable headers.
    const secured = new Response(answer.body, answer);
    applySecurityHeaders(secured.headers, { nextAuthUrl: getEnv().NEXTAUTH_URL });
    return secured;
  };
}
