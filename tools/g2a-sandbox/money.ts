// Prices are held as integer cents so that repeated changes never drift; EUR strings and numbers exist
// only at the JSON edge.

const DECIMAL_TEXT = /^\d+(\.\d{1,2})?$/;

export type PriceRead = { ok: true; cents: number } | { ok: false };

/**
 * A price as G2A clients send it: a decimal string ("5.98", also "5.3" or "5") or a number, greater than
 * 0 with at most 2 decimals.
 */
export function readPrice(value: unknown): PriceRead {
  let cents: number;
  if (typeof value === "string") {
    if (!DECIMAL_TEXT.test(value)) return { ok: false };
    cents = Math.round(Number(value) * 100);
  } else if (typeof value === "number" && Number.isFinite(value)) {
    cents = Math.round(value * 100);
    if (cents / 100 !== value) return { ok: false };
  } else {
    return { ok: false };
  }
  return cents > 0 && Number.isSafeInteger(cents) ? { ok: true, cents } : { ok: false };
}

/** "5.98": the form G2A uses in offers and simulations. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

export function toEuros(cents: number): number {
  return cents / 100;
}

export function eurosToCents(euros: number): number {
  return Math.round(euros * 100);
}

/**
 * Rounds a cent amount computed with a fractional rate to whole cents, half away from zero. The
 * nudge absorbs binary noise such as 598 × 0.9 = 538.1999…, which would otherwise decide the rounding.
 */
export function roundCents(cents: number): number {
  const nudged = Number(cents.toFixed(6));
  return Math.sign(nudged) * Math.round(Math.abs(nudged));
}
