import type { Refusal } from "../../sandbox-kit/http-io";
import { isRecord } from "../../sandbox-kit/json";
import { areCredentialsValid, issueToken } from "../auth";
import type { ApiRequest, SandboxContext } from "../context";
import { apiError, invalidJson, payloadTooLarge, type Reply } from "../http-io";

// POST /oauth/token with a form body is what every peer sends (spec §1.2). A JSON body and GET with a
// query string (the form of G2A's merchant contract) are accepted too, to be tolerant.

const TOKEN_HEADERS = { "Cache-Control": "no-store", Pragma: "no-cache" };

type TokenParameter = "grant_type" | "client_id" | "client_secret";
type Parameters = (name: TokenParameter) => string | null;

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? "").toLowerCase().startsWith("application/json");
}

/** Each parameter comes from the body (form or JSON), else from the query string. */
async function readParameters(request: ApiRequest): Promise<{ ok: true; get: Parameters } | Refusal> {
  const body = await request.readBody();
  if (body.tooLarge) return { ok: false, reply: payloadTooLarge() };
  let fromBody: Parameters;
  if (isJson(request.headers["content-type"])) {
    let parsed: unknown;
    try {
      parsed = body.text.trim() === "" ? {} : JSON.parse(body.text);
    } catch {
      return { ok: false, reply: invalidJson() };
    }
    const json = isRecord(parsed) ? parsed : {};
    fromBody = (name) => {
      const value = json[name];
      return typeof value === "string" ? value : null;
    };
  } else {
    const form = new URLSearchParams(body.text);
    fromBody = (name) => form.get(name);
  }
  return { ok: true, get: (name) => fromBody(name) ?? request.url.searchParams.get(name) };
}

const withTokenHeaders = (reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, ...TOKEN_HEADERS } });

export async function postToken(sandbox: SandboxContext, request: ApiRequest): Promise<Reply> {
  const read = await readParameters(request);
  if (!read.ok) return withTokenHeaders(read.reply);
  const parameters = read.get;

  const grantType = parameters("grant_type");
  if (grantType !== "client_credentials")
    return withTokenHeaders(apiError(400, "INVALID_GRANT", "grant_type must be client_credentials"));
  const { state } = sandbox;
  const clientId = parameters("client_id");
  if (!areCredentialsValid(state.settings.clients, clientId, parameters("client_secret")))
    return withTokenHeaders(apiError(401, "AUTH02", "Invalid client credentials"));
  const token = issueToken(state, clientId, Date.now());
  return withTokenHeaders({
    status: 200,
    body: { access_token: token.accessToken, token_type: "bearer", expires_in: state.settings.tokenTtlSeconds },
  });
}
