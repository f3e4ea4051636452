import type { Db } from "@/lib/db";
import { recordFailures, secondsUntilBelowLimit } from "@/lib/throttle/failure-log";

/**
 * Failed token requests allowed within the window, per address and per client id. Past the client's
 * limit, only addresses that obtained a token for it lately (G2A's own) are still heard: guessing a
 * client's secret cannot lock G2A out.
 */
export const TOKEN_THROTTLE = { windowMs: 5 * 60_000, perIp: 30, perClient: 30, knownAddressMs: 24 * 60 * 60_000 };

export type TokenRequester = { clientId: string; ip: string | null };

const ipKey = (ip: string) => `g2a-ip:${ip}`;
const clientKey = (clientId: string) => `g2a-client:${clientId}`;

async function obtainedTokenFrom(db: Db, who: TokenRequester, since: Date): Promise<boolean> {
  if (!who.ip) return false;
  return (await db.g2aAccessToken.count({ where: { ip: who.ip, createdAt: { gt: since }, client: { clientId: who.clientId } } })) > 0;
}

/** Seconds before a token request is heard again (0: now), checked before its secret is. */
export async function tokenRequestRetryAfter(db: Db, who: TokenRequester, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - TOKEN_THROTTLE.windowMs);
  const byAddress = who.ip ? await secondsUntilBelowLimit(db, ipKey(who.ip), TOKEN_THROTTLE.perIp, since) : 0;
  if (byAddress > 0) return byAddress;
  const byClient = await secondsUntilBelowLimit(db, clientKey(who.clientId), TOKEN_THROTTLE.perClient, since);
  if (byClient === 0) return 0;
  return (await obtainedTokenFrom(db, who, new Date(now.getTime() - TOKEN_THROTTLE.knownAddressMs))) ? 0 : byClient;
}

/** Counts a token request whose credentials were wrong, for its address and its client id. */
export async function recordTokenFailure(db: Db, who: TokenRequester, now = new Date()): Promise<void> {
  await recordFailures(db, [clientKey(who.clientId), ...(who.ip ? [ipKey(who.ip)] : [])], now);
}
