import { areCredentialsValid, issueToken, readBasicCredentials } from "../auth";
import type { ApiRequest, SimContext } from "../context";
import { oauthError, payloadTooLarge, tooManyRequests, type Reply } from "../http-io";
import { takeRateSlot } from "../rate-limit";

const TOKEN_HEADERS = { "Cache-Control": "no-store", Pragma: "no-cache" };
const ANONYMOUS_CLIENT = "anonymous";

type TokenParameter = "grant_type" | "client_id" | "client_secret";

function isFormBody(contentType: string | undefined): boolean {
  return contentType === undefined || contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
}

/** POST /oauth/token — each parameter comes from the form body, else the query string, else a Basic header. */
export async function postToken(sim: SimContext, request: ApiRequest): Promise<Reply> {
  const body = await request.readBody();
  if (body.tooLarge) return payloadTooLarge();
  const form = new URLSearchParams(isFormBody(request.headers["content-type"]) ? body.text : "");
  const basic = readBasicCredentials(request.headers.authorization);
  const parameter = (name: TokenParameter): string | null => {
    if (form.has(name)) return form.get(name);
    if (request.url.searchParams.has(name)) return request.url.searchParams.get(name);
    return name === "grant_type" ? null : (basic?.[name] ?? null);
  };
  const withTokenHeaders = (reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, ...TOKEN_HEADERS } });

  const now = Date.now();
  const clientId = parameter("client_id");
  const slot = takeRateSlot(sim.state, clientId ?? ANONYMOUS_CLIENT, request.routeKey, now);
  if (!slot.allowed) return withTokenHeaders(tooManyRequests(slot.retryAfterSeconds));

  const grantType = parameter("grant_type");
  if (grantType === null || grantType === "")
    return withTokenHeaders(oauthError(400, "invalid_request", "Missing grant type"));
  if (grantType !== "client_credentials") {
    return withTokenHeaders(oauthError(400, "unsupported_grant_type", `Unsupported grant type: ${grantType}`));
  }
  if (!areCredentialsValid(sim, clientId, parameter("client_secret")) || clientId === null) {
    return withTokenHeaders(oauthError(401, "invalid_client", "Bad client credentials"));
  }
  const token = issueToken(sim, clientId, now);
  return withTokenHeaders({
    status: 200,
    body: { access_token: token.accessToken, token_type: "bearer", expires_in: token.expiresInSeconds },
  });
}

/** GET /oauth/token answers with Spring's OAuth-style 405 rather than the CWS body (spec §13.6). */
export function tokenMethodNotAllowed(method: string): Reply {
  return oauthError(405, "method_not_allowed", `Request method '${method}' not supported`, { Allow: "POST" });
}
