import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { bearerToken, type Refusal } from "../sandbox-kit/http-io";
import type { SimContext } from "./context";
import { oauthError } from "./http-io";
import type { IssuedToken, SimState } from "./state";

export const SHARED_SANDBOX_CLIENT = {
  id: "ff72ce315d1259e822f47d87d02d261e",
  secret: "$2a$10$E2jVWDADFA5gh6zlRVcrlOOX01Q/HJoT6hXuDMJxek.YEo.lkO2T6",
} as const;

export type BearerCheck = { ok: true; clientId: string } | Refusal;

/** client_id and client_secret from an HTTP Basic header, split at the first colon. */
export function readBasicCredentials(
  authorization: string | undefined,
): { client_id: string; client_secret: string } | null {
  const match = /^basic\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { client_id: decoded.slice(0, colon), client_secret: decoded.slice(colon + 1) };
}

export function areCredentialsValid(sim: SimContext, clientId: string | null, clientSecret: string | null): boolean {
  if (clientId === null || clientSecret === null) return false;
  const expected = sim.settings.credentials.get(clientId);
  return expected !== undefined && expected === clientSecret;
}

/** The client's current token while it lives (CWS hands out the same one), otherwise a new one. */
export function issueToken(
  sim: SimContext,
  clientId: string,
  now: number,
): { accessToken: string; expiresInSeconds: number } {
  const current = sim.state.tokensByClient.get(clientId);
  if (current && current.expiresAt > now) {
    return {
      accessToken: current.accessToken,
      expiresInSeconds: Math.max(1, Math.ceil((current.expiresAt - now) / 1000)),
    };
  }
  const token: IssuedToken = {
    accessToken: randomUUID(),
    clientId,
    expiresAt: now + sim.settings.tokenTtlSeconds * 1000,
  };
  sim.state.tokensByClient.set(clientId, token);
  sim.state.counters.tokensIssued += 1;
  return { accessToken: token.accessToken, expiresInSeconds: sim.settings.tokenTtlSeconds };
}

export function expireAllTokens(state: SimState, now: number): void {
  for (const token of state.tokensByClient.values()) token.expiresAt = Math.min(token.expiresAt, now);
}

export function checkBearer(state: SimState, headers: IncomingHttpHeaders, now: number): BearerCheck {
  const presented = bearerToken(headers);
  if (!presented) {
    return {
      ok: false,
      reply: oauthError(401, "unauthorized", "Full authentication is required to access this resource"),
    };
  }
  for (const token of state.tokensByClient.values()) {
    if (token.accessToken === presented && token.expiresAt > now) return { ok: true, clientId: token.clientId };
  }
  return {
    ok: false,
    reply: oauthError(401, "invalid_token", "Invalid access token", {
      "WWW-Authenticate": 'Bearer error="invalid_token"',
    }),
  };
}
