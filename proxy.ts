import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { sessionUser } from "@/lib/auth/session";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { getEnv } from "@/lib/env";
import { addSecurityHeaders, NO_STORE } from "@/lib/http/secure-route";
import { pageContentSecurityPolicy } from "@/lib/http/security-headers";

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function secured(response: NextResponse, csp?: string): NextResponse {
  addSecurityHeaders(response.headers, csp);
  return response;
}

/**
 * An API path with broken percent-encoding matches no route; Next would fail to decode it with a
 * 500, and bad input must never get a 5xx (g2a-merchant-contract.md §3.4). Correctly encoded ones
 * go on to their route, whose wrapper sets the headers.
 */
function apiProxy(request: NextRequest): NextResponse {
  if (decodes(request.nextUrl.pathname)) return NextResponse.next();
  return secured(
    NextResponse.json(
      { code: "NOT_FOUND", message: "no such route" },
      { status: 404, headers: { "Cache-Control": NO_STORE } },
    ),
  );
}

// The sign-in page and files from public/ (a name with an extension) are open to everyone.
function isPublicPath(pathname: string): boolean {
  return pathname === "/login" || pathname.startsWith("/login/") || /\/[^/]+\.[A-Za-z0-9]+$/.test(pathname);
}

const PAGE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/**
 * Pages: read with GET only; dashboard pages need a session that still holds (checked against the
 * database, as the admin API checks it), without one the browser goes to the sign-in page and comes
 * back afterwards. Every page gets its own script nonce, which Next reads from the request's policy
 * and puts on its scripts.
 */
async function pageProxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (!decodes(pathname))
    return secured(
      new NextResponse("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } }),
    );
  if (!PAGE_METHODS.has(request.method))
    return secured(new NextResponse(null, { status: 405, headers: { Allow: "GET, HEAD" } }));
  if (!isPublicPath(pathname)) {
    const env = getEnv();
    const token = await getToken({
      req: request,
      secret: env.NEXTAUTH_SECRET,
      cookieName: sessionCookieName(env.NEXTAUTH_URL),
    });
    if (!(await sessionUser(token))) {
      const login = request.nextUrl.clone();
      login.pathname = "/login";
      login.search = "";
      login.searchParams.set("callbackUrl", `${pathname}${search}`);
      return secured(NextResponse.redirect(login));
    }
  }
  const csp = pageContentSecurityPolicy(Buffer.from(crypto.randomUUID()).toString("base64"));
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  return secured(NextResponse.next({ request: { headers } }), csp);
}

export function proxy(request: NextRequest) {
  // API paths stay on the cheap path: no session lookup, and G2A's hot path never meets the proxy.
  if (request.nextUrl.pathname.startsWith("/api/")) return apiProxy(request);
  return pageProxy(request);
}

// Only API paths with a percent sign meet the proxy: a correctly encoded path costs nothing here,
// as running the proxy at all roughly halves the throughput of the marketplace's hot path.
export const config = { matcher: ["/api/:path(.*%.*)", "/((?!api/|_next/).*)"] };
