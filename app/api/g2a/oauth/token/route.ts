import { AppError } from "@/lib/errors";
import { issueG2aAccessToken, verifyG2aCredentials } from "@/lib/g2a/credentials";
import { g2aJson, g2aRoute, type G2aRequestContext } from "@/lib/g2a/http";
import { tokenRequestSchema } from "@/lib/g2a/schemas";
import { tokenRequestParams } from "@/lib/g2a/token-request";

export const dynamic = "force-dynamic";

async function issueToken({ request, url, body, db, annotate }: G2aRequestContext): Promise<Response> {
  const params = tokenRequestSchema.parse(tokenRequestParams(request, url, body));
  const caller = await verifyG2aCredentials(db, params.client_id, params.client_secret);
  if (!caller) throw new AppError("UNAUTHORIZED", "invalid client credentials");
  annotate({ g2aClient: caller.clientId });
  const token = await issueG2aAccessToken(db, caller);
  return g2aJson({ access_token: token.accessToken, token_type: "bearer", expires_in: token.expiresIn }, 200, { Pragma: "no-cache" });
}

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = g2aRoute({ GET: issueToken, POST: issueToken }, { authenticate: false });
