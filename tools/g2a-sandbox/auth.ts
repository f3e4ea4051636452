import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { bearerToken, type Refusal } from "../sandbox-kit/http-io";
import { apiError } from "./http-io";
import type { G2aSandboxClient } from "./settings";
import type { IssuedToken, SandboxState } from "./state";

/**
 * The sandbox's own credentials, accepted unless other clients are configured. They are published here
 * on purpose and have nothing to do with G2A: no G2A system knows them.
 */
export const DEFAULT_G2A_SANDBOX_CLIENT: G2aSandboxClient = Object.freeze({
  clientId: "g2a-sandbox-client",
  clientSecret: "g2a-sandbox-secret-0000-not-a-g2a-credential",
});

export type BearerCheck = { ok: true; clientId: string } | Refusal;

export function areCredentialsValid(
  clients: readonly G2aSandboxClient[],
  clientId: string | null,
  clientSecret: string | null,
): clientId is string {
  if (clientId === null || clientSecret === null) return false;
  return clients.some((client) => client.clientId === clientId && client.clientSecret === clientSecret);
}

/**
 * A new token on every request, as an OAuth2 server usually does: a client that asks for a token per
 * call gets a different one each time, and the token count shows it. Tokens that have run out are
 * forgotten here, so that a long run does not pile them up.
 */
export function issueToken(state: SandboxState, clientId: string, now: number): IssuedToken {
  for (const [value, token] of state.tokens) if (token.expiresAt <= now) state.tokens.delete(value);
  const token: IssuedToken = {
    accessToken: randomBytes(24).toString("hex"),
    clientId,
    expiresAt: now + state.settings.tokenTtlSeconds * 1000,
  };
  state.tokens.set(token.accessToken, token);
  return token;
}

/** "Token revoked mid-session": every token stops working at once. */
export function revokeAllTokens(state: SandboxState): void {
  state.tokens.clear();
}

/** The Export API's codes (spec §7.1), both answered with 401 here so that clients refresh and retry. */
export function checkBearer(state: SandboxState, headers: IncomingHttpHeaders, now: number): BearerCheck {
  const presented = bearerToken(headers);
  if (!presented) return { ok: false, reply: apiError(401, "AUTH01", "No Authorization header") };
  const token = state.tokens.get(presented);
  if (!token || token.expiresAt <= now) return { ok: false, reply: apiError(401, "AUTH02", "Authorization failed") };
  return { ok: true, clientId: token.clientId };
}
