import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { issueG2aAccessToken, verifyG2aCredentials, type G2aCaller } from "./credentials";
import { recordTokenFailure, tokenRequestRetryAfter } from "./token-throttle";

/**
 * The token endpoint's work: the throttle first (429 with Retry-After, before the secret is looked
 * at), then the credentials (401, counted as a failure), then a new token.
 */
export async function exchangeClientCredentials(
  db: Db,
  request: { clientId: string; clientSecret: string; ip: string | null },
): Promise<{ caller: G2aCaller; accessToken: string; expiresIn: number }> {
  const who = { clientId: request.clientId, ip: request.ip };
  const retryAfterSeconds = await tokenRequestRetryAfter(db, who);
  if (retryAfterSeconds > 0)
    throw new AppError("RATE_LIMITED", `too many failed token requests; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  const caller = await verifyG2aCredentials(db, request.clientId, request.clientSecret);
  if (!caller) {
    await recordTokenFailure(db, who);
    throw new AppError("UNAUTHORIZED", "invalid client credentials");
  }
  return { caller, ...(await issueG2aAccessToken(db, caller, { ip: request.ip })) };
}
