import { NO_STORE, secureRoute } from "@/lib/http/secure-route";

export const dynamic = "force-dynamic";

// Any /api path no route serves: a JSON 404 with the usual headers, instead of Next's HTML page.
const notFound = secureRoute(async () =>
  Response.json(
    { code: "NOT_FOUND", message: "no such route" },
    { status: 404, headers: { "Cache-Control": NO_STORE } },
  ),
);

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
