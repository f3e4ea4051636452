import NextAuth from "next-auth";
import { buildAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type AuthRouteHandler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

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

export const GET: AuthRouteHandler = (request, context) => authHandler()(request, context);
export const POST: AuthRouteHandler = (request, context) => authHandler()(request, context);
