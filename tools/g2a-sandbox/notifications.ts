import { isRecord } from "../sandbox-kit/json";
import { toIsoSeconds } from "./dates";
import type { MerchantEndpoint } from "./settings";
import type { SandboxOffer } from "./state";

// G2A switching an offer off by itself and telling the seller (spec §3.7): it fetches a token from the
// seller's own API, as the merchant contract describes (GET /oauth/token with a query string), then
// posts an auction_deactivated notification to /notifications.

const MERCHANT_TIMEOUT_MS = 5_000;

export const DEFAULT_DEACTIVATION_MESSAGE = "Some of the requested items do not exist";

/** What became of the push: the merchant's HTTP status, or why there was none. */
export interface NotificationOutcome {
  status: number | null;
  error?: string;
}

export function deactivationNotification(offer: SandboxOffer, message: string, now: number) {
  return [
    {
      notification_type: "auction_deactivated",
      date: toIsoSeconds(now),
      data: { message, auction_id: offer.auctionId, offer_id: offer.id },
    },
  ];
}

async function fetchMerchantToken(merchant: MerchantEndpoint): Promise<{ token: string } | NotificationOutcome> {
  const query = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: merchant.clientId,
    client_secret: merchant.clientSecret,
  });
  const response = await fetch(`${merchant.baseUrl}/oauth/token?${query.toString()}`, {
    headers: { Accept: "application/json" },
    signal: AbortSignal.timeout(MERCHANT_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok)
    return { status: response.status, error: `The merchant's token endpoint answered ${response.status}` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  if (!isRecord(body) || typeof body.access_token !== "string")
    return { status: response.status, error: "The merchant's token answer has no access_token" };
  return { token: body.access_token };
}

/** Never throws: a merchant that is down or refuses is reported in the outcome. */
export async function pushDeactivation(
  merchant: MerchantEndpoint,
  offer: SandboxOffer,
  message: string,
  now: number,
): Promise<NotificationOutcome> {
  try {
    const token = await fetchMerchantToken(merchant);
    if (!("token" in token)) return token;
    const response = await fetch(`${merchant.baseUrl}/notifications`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token.token}` },
      body: JSON.stringify(deactivationNotification(offer, message, now)),
      signal: AbortSignal.timeout(MERCHANT_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return { status: response.status };
  } catch (error) {
    return { status: null, error: `The merchant could not be reached: ${(error as Error).message}` };
  }
}
