import { getToken, type GetTokenParams } from "next-auth/jwt";
import { z } from "zod";
import type { Actor } from "@/lib/audit";
import { getDb, type Db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { sessionCookieName } from "./session-cookie";

import type { Role } from "./roles";

export { hasRole, requireRole, type Role } from "./roles";

function cookiesOf(request: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0) cookies[part.slice(0, separator).trim()] = part.slice(separator + 1).trim();
  }
  return cookies;
}

/** How long a session lasts from sign-in, whatever happens meanwhile: the token's own lifetime too. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** What a session token says beyond next-auth's own claims: who, under which session version, since when. */
const sessionClaimsSchema = z.object({
  id: z.string().min(1),
  sessionVersion: z.number().int(),
  signedInAt: z.number(),
});
type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/**
 * Whether a session still holds: the account exists and is enabled, nothing ended its sessions
 * since (password reset, disable, role change raise its version), and it is less than 12 hours old
 * (next-auth renews a token's expiry while it is used; the sign-in time does not move).
 */
function sessionHolds(
  claims: SessionClaims,
  user: { disabled: boolean; sessionVersion: number } | null,
  now = new Date(),
): boolean {
  return (
    !!user &&
    !user.disabled &&
    user.sessionVersion === claims.sessionVersion &&
    now.getTime() / 1000 - claims.signedInAt < SESSION_MAX_AGE_SECONDS
  );
}

/**
 * The signed-in user behind a route handler's request, or null. The session JWT only names the
 * user: role, the disabled flag and the session version are read from the database on every call,
 * so a change takes effect at once rather than when the session would have ended.
 */
export async function getActor(request: Request, db: Db = getDb()): Promise<Actor | null> {
  const env = getEnv();
  // getToken reads only `cookies` and `headers`; a plain Request has no parsed cookies, so it gets them here.
  const req = { cookies: cookiesOf(request), headers: request.headers } as unknown as GetTokenParams["req"];
  const token = await getToken({ req, secret: env.NEXTAUTH_SECRET, cookieName: sessionCookieName(env.NEXTAUTH_URL) });
  const user = await sessionUser(token, db);
  return (
    user && {
      id: user.id,
      email: user.email,
      role: user.role,
      ip: clientIp(request.headers),
      userAgent: request.headers.get("user-agent"),
    }
  );
}

/** The user a decoded session token belongs to, while that session holds; null otherwise. */
export async function sessionUser(
  token: unknown,
  db: Db = getDb(),
): Promise<{ id: string; email: string; role: Role } | null> {
  const claims = sessionClaimsSchema.safeParse(token);
  if (!claims.success) return null;
  const user = await db.user.findUnique({
    where: { id: claims.data.id },
    select: { id: true, email: true, role: true, disabled: true, sessionVersion: true },
  });
  return user && sessionHolds(claims.data, user) ? { id: user.id, email: user.email, role: user.role } : null;
}
