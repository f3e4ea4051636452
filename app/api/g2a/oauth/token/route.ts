import { g2aJson, g2aRoute, type G2aRequestContext } from "@/lib/g2a/http";
import { tokenRequestSchema } from "@/lib/g2a/schemas";
import { exchangeClientCredentials } from "@/lib/g2a/token-exchange";
import { tokenRequestParams } from "@/lib/g2a/token-request";
import { clientIp } from "@/lib/http/client-ip";

export const dynamic = "force-dynamic";

async function issueToken({ request, url, body, db, annotate }: G2aRequestContext): Promise<Response> {
  const params = tokenRequestSchema.parse(tokenRequestParams(request, url, body));
  const token = await exchangeClientCredentials(db, {
    clientId: params.client_id,
    clientSecret: params.client_secret,
    ip: clientIp(request.headers),
  });
  annotate({ g2aClient: token.caller.clientId });
  return g2aJson({ access_token: token.accessToken, token_type: "bearer", expires_in: token.expiresIn }, 200, {
    Pragma: "no-cache",
  });
}

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = g2aRoute(
  { GET: issueToken, POST: issueToken },
  { authenticate: false },
);
