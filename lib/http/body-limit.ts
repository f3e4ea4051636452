import { toAdminError } from "@/lib/errors";
import { closeIfBodyLeftUnread, readLimitedBody } from "./body";
import { NO_STORE } from "./secure-route";

type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>;

const WITHOUT_BODY: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/**
 * For route handlers of libraries that read a whole body themselves (next-auth, the Inngest serve
 * handler): the body is read here first, under `limit` (413 by the declared length before reading,
 * or as soon as the streamed bytes pass it), and the library gets a request carrying those bytes.
 */
export function withBodyLimit<Context>(limit: number, handler: RouteHandler<Context>): RouteHandler<Context> {
  return async (request, context) => {
    if (WITHOUT_BODY.has(request.method)) return handler(request, context);
    let body: Buffer;
    try {
      body = await readLimitedBody(request, limit);
    } catch (error) {
      const { status, body: envelope } = toAdminError(error);
      const refusal = Response.json(envelope, { status, headers: { "Cache-Control": NO_STORE } });
      closeIfBodyLeftUnread(request, refusal);
      return refusal;
    }
    return handler(
      new Request(request.url, { method: request.method, headers: request.headers, body: new Uint8Array(body) }),
      context,
    );
  };
}
