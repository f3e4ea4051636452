import type { Db } from "@/lib/db";
import { recordFailures, secondsUntilBelowLimit } from "@/lib/throttle/failure-log";

/**
 * Failed token requests allowed within the window, per address and per client id. An address that
 * obtained a token for the client lately (G2A's own) is always heard: neither guesses at the client's
 * secret from elsewhere nor guesses sent in G2A's name (a forged X-Forwarded-For) can lock G2A out.
 */
export const TOKEN_THROTTLE = { windowMs: 5 * 60_000, perIp: 30, perClient: 30, knownAddressMs: 24 * 60 * 60_000 };

export type TokenRequester = { clientId: string; ip: string | null };

const ipKey = (ip: string) => `g2a-ip:${ip}`;
const clientKey = (clientId: string) => `g2a-client:${clientId}`;

async function obtainedTokenFrom(db: Db, who: TokenRequester, since: Date): Promise<boolean> {
  if (!who.ip) return false;
  return (
    (await db.g2aAccessToken.count({
      where: { ip: who.ip, createdAt: { gt: since }, client: { clientId: who.clientId } },
    })) > 0
  );
}

/** Seconds before a token request is heard again (0: now), checked before its secret is. */
export async function tokenRequestRetryAfter(db: Db, who: TokenRequester, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - TOKEN_THROTTLE.windowMs);
  const byAddress = who.ip ? await secondsUntilBelowLimit(db, ipKey(who.ip), TOKEN_THROTTLE.perIp, since) : 0;
  const byClient = await secondsUntilBelowLimit(db, clientKey(who.clientId), TOKEN_THROTTLE.perClient, since);
  const wait = Math.max(byAddress, byClient);
  if (wait === 0) return 0;
  return (await obtainedTokenFrom(db, who, new Date(now.getTime() - TOKEN_THROTTLE.knownAddressMs))) ? 0 : wait;
}

/** Counts a token request whose credentials were wrong, for its address and its client id. */
export async function recordTokenFailure(db: Db, who: TokenRequester, now = new Date()): Promise<void> {
  await recordFailures(db, [clientKey(who.clientId), ...(who.ip ? [ipKey(who.ip)] : [])], now);
}
