import { G2aApiError } from "@/lib/g2a-api";
import type { OfferDeps } from "./deps";

/**
 * Switches off, with stock 0, the G2A offer of a mapping that no longer exists, so G2A stops selling
 * what we no longer supply. An offer G2A no longer knows needs nothing; other failures throw, so the
 * function retries.
 */
export async function retireOffer(deps: OfferDeps, offerId: string): Promise<{ outcome: "switched off" | "gone" }> {
  const client = await deps.client();
  try {
    await client.deactivateOffer(offerId, {
      clearStock: true,
      timeoutMs: deps.config.callTimeoutMs,
      maxRetries: deps.config.callMaxRetries,
    });
    return { outcome: "switched off" };
  } catch (error) {
    if (error instanceof G2aApiError && error.kind === "not_found") return { outcome: "gone" };
    throw error;
  }
}
