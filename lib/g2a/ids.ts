import { z } from "zod";

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "0123" -> "123"; digits only, 1 to 16 of them, positive and at most 2^53 − 1. Null otherwise. */
export function canonicalG2aId(digits: string): string | null {
  if (!/^\d{1,16}$/.test(digits)) return null;
  const value = BigInt(digits);
  if (value < 1n || value > MAX_SAFE) return null;
  return value.toString();
}

/**
 * A G2A id (product_id, g2a_order_id) as G2A may send it: a JSON integer or a string of digits
 * (g2a-merchant-contract.md §3.6). Parsed to its canonical decimal string.
 */
export const g2aIdSchema = z
  .union([z.number(), z.string()], { error: "must be a positive integer" })
  .transform((value, ctx) => {
    const canonical =
      typeof value === "number"
        ? Number.isSafeInteger(value) && value >= 1
          ? String(value)
          : null
        : canonicalG2aId(value);
    if (canonical === null) {
      ctx.addIssue({ code: "custom", message: "must be a positive integer no greater than 9007199254740991" });
      return z.NEVER;
    }
    return canonical;
  });

/** Canonical id back to the JSON integer G2A reads. */
export function g2aIdToJson(canonical: string): number {
  return Number(canonical);
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
