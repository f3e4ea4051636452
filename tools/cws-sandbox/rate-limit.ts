import type { RateLimit } from "./faults";
import type { SimState } from "./state";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Sliding window per (client, route). Only requests let through are counted, so a client that keeps
 * retrying during a 429 does not push its own window further out.
 */
export function takeRateSlot(state: SimState, clientId: string, routeKey: string, now: number): RateDecision {
  const { enabled, limits } = state.faults.rateLimit;
  const limit: RateLimit | undefined = limits[routeKey];
  if (!enabled || !limit) return { allowed: true };
  const windowMs = limit.windowSeconds * 1000;
  const key = `${clientId} ${routeKey}`;
  const counted = (state.rateWindows.get(key) ?? []).filter((at) => at > now - windowMs);
  if (counted.length >= limit.max) {
    state.rateWindows.set(key, counted);
    const oldest = counted[0] ?? now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
  }
  counted.push(now);
  state.rateWindows.set(key, counted);
  return { allowed: true };
}
