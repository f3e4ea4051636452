import { z } from "zod";
import type { Logger } from "@/lib/logger";
import { exchange, parseJson } from "./exchange";
import type { IssuedToken } from "./token-cache";

/**
 * An OAuth2 token answer: `access_token`/`expires_in` (the standard), or `value`/`expiresIn` as some
 * partners model it. Without a lifetime the answer is unusable unless a default lifetime is given.
 */
export function tokenResponseSchemaWith(defaultExpiresInSeconds?: number) {
  return z
    .object({
      access_token: z.string().min(1).optional(),
      value: z.string().min(1).optional(),
      expires_in: z.coerce.number().int().positive().optional(),
      expiresIn: z.coerce.number().int().positive().optional(),
    })
    .transform((raw, ctx): IssuedToken => {
      const accessToken = raw.access_token ?? raw.value;
      const expiresIn = raw.expires_in ?? raw.expiresIn ?? defaultExpiresInSeconds;
      if (!accessToken || !expiresIn) {
        ctx.addIssue({ code: "custom", message: "token response without access_token or expires_in" });
        return z.NEVER;
      }
      return { accessToken, expiresInSeconds: expiresIn };
    });
}

export const tokenResponseSchema = tokenResponseSchemaWith();

/** What became of one token request; the partner's client turns it into its own error. */
export type TokenRequestOutcome =
  | { kind: "issued"; token: IssuedToken }
  /** 400 or 401: the credentials were refused. */
  | { kind: "refused"; httpStatus: number }
  | { kind: "timeout" }
  | { kind: "network"; error: unknown }
  | { kind: "http-error"; httpStatus: number }
  | { kind: "unusable" };

export type TokenRequest = {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  logger: Logger;
  /** The message of the debug line logged for the exchange, e.g. "cws call". */
  logMessage: string;
  defaultExpiresInSeconds?: number;
};

/** OAuth2 client credentials, form-encoded. The secret travels in the body only, never in a log line. */
export async function requestClientCredentialsToken(request: TokenRequest): Promise<TokenRequestOutcome> {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: request.clientId,
    client_secret: request.clientSecret,
  });
  const result = await exchange({
    method: "POST",
    url: request.tokenUrl,
    headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
    body: body.toString(),
    timeoutMs: request.timeoutMs,
  });
  request.logger.debug(
    {
      route: "POST /oauth/token",
      outcome: result.kind,
      status: result.kind === "response" ? result.status : undefined,
      ms: result.ms,
    },
    request.logMessage,
  );
  if (result.kind === "timeout") return { kind: "timeout" };
  if (result.kind === "network") return { kind: "network", error: result.error };
  if (result.status === 400 || result.status === 401) return { kind: "refused", httpStatus: result.status };
  if (result.status < 200 || result.status >= 300) return { kind: "http-error", httpStatus: result.status };
  const parsed = tokenResponseSchemaWith(request.defaultExpiresInSeconds).safeParse(parseJson(result.text));
  return parsed.success ? { kind: "issued", token: parsed.data } : { kind: "unusable" };
}
