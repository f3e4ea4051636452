import { NextResponse, type NextRequest } from "next/server";

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
export function proxy(request: NextRequest) {
  if (decodes(request.nextUrl.pathname)) return NextResponse.next();
  return NextResponse.json({ code: "NOT_FOUND", message: "no such route" }, { status: 404, headers: { "Cache-Control": "no-store" } });
}

export const config = { matcher: "/api/g2a/:path*" };
