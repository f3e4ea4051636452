import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { buildAuthOptions } from "@/lib/auth/options";
import { BODY_LIMITS } from "@/lib/http/body";
import { withBodyLimit } from "@/lib/http/body-limit";
import { refuseOtherMethods, secureRoute } from "@/lib/http/secure-route";

export const dynamic = "force-dynamic";

type AuthRouteHandler = (
  request: NextRequest,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

// Built on the first request, not at import: `next build` imports this file and must not read or
// generate the data folder's secrets.
let handler: AuthRouteHandler | undefined;

function authHandler(): AuthRouteHandler {
  if (!handler) {
    // NextAuth() is typed `any`; the annotation pins what App Router handlers are.
    const created: AuthRouteHandler = NextAuth(buildAuthOptions());
    handler = created;
  }
  return handler;
}

export const GET = secureRoute<Parameters<AuthRouteHandler>>((request, context) => authHandler()(request, context));
// Sign-in and sign-out forms are a few hundred bytes; next-auth would read any size.
export const POST = secureRoute(
  withBodyLimit(BODY_LIMITS.auth, (request, context: Parameters<AuthRouteHandler>[1]) =>
    authHandler()(new NextRequest(request), context),
  ),
);
export const { PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods(["GET", "POST"]);
