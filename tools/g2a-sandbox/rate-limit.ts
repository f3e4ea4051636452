import type { RateLimitSettings } from "./settings";
import type { TokenBucket } from "./state";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * One token bucket for the whole API (G2A publishes no limit; spec §7.3). It refills at `ratePerSecond`
 * up to `burst`; a request answered with 429 takes nothing, so a client retrying too early is not
 * punished twice.
 */
export function takeRateToken(
  bucket: TokenBucket | null,
  settings: RateLimitSettings,
  now: number,
): { bucket: TokenBucket | null; decision: RateDecision } {
  if (settings.mode === "off") return { bucket: null, decision: { allowed: true } };
  const previous = bucket ?? { tokens: settings.burst, updatedAt: now };
  const refilled = Math.min(
    settings.burst,
    previous.tokens + (Math.max(0, now - previous.updatedAt) / 1000) * settings.ratePerSecond,
  );
  if (refilled >= 1) return { bucket: { tokens: refilled - 1, updatedAt: now }, decision: { allowed: true } };
  const waitSeconds = (1 - refilled) / settings.ratePerSecond;
  return {
    bucket: { tokens: refilled, updatedAt: now },
    decision: { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)) },
  };
}
