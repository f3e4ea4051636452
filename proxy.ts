import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { getEnv } from "@/lib/env";

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * A G2A path with broken percent-encoding matches no route; Next would fail to decode it with a 500,
 * and bad input must never get a 5xx (g2a-merchant-contract.md §3.4).
 */
function g2aProxy(request: NextRequest) {
  if (decodes(request.nextUrl.pathname)) return NextResponse.next();
  return NextResponse.json({ code: "NOT_FOUND", message: "no such route" }, { status: 404, headers: { "Cache-Control": "no-store" } });
}

// The sign-in page and files from public/ (a name with an extension) are open to everyone; APIs
// answer 401 themselves instead of redirecting.
function isPublicPath(pathname: string): boolean {
  return pathname === "/login" || pathname.startsWith("/login/") || pathname === "/api" || pathname.startsWith("/api/") || /\/[^/]+\.[A-Za-z0-9]+$/.test(pathname);
}

/**
 * Dashboard pages need a valid session JWT; without one the browser goes to the sign-in page and
 * comes back afterwards. Disabled users are refused by the admin API, which checks the database.
 */
async function pageProxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();
  const env = getEnv();
  const token = await getToken({ req: request, secret: env.NEXTAUTH_SECRET, cookieName: sessionCookieName(env.NEXTAUTH_URL) });
  if (token) return NextResponse.next();
  const login = request.nextUrl.clone();
  login.pathname = "/login";
  login.search = "";
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export function proxy(request: NextRequest) {
  // G2A's routes stay on the cheap path: no session lookup on the marketplace's hot path.
  if (request.nextUrl.pathname.startsWith("/api/g2a")) return g2aProxy(request);
  return pageProxy(request);
}

// Only G2A paths with a percent sign meet the proxy: a correctly encoded path costs nothing here,
// as running the proxy at all roughly halves the throughput of the marketplace's hot path.
export const config = { matcher: ["/api/g2a/:path(.*%.*)", "/((?!api/|_next/).*)"] };
