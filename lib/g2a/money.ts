import { z } from "zod";

/** Amounts above this are not prices: a bound on input, not a business rule. */
const MAX_CENTS = 10n ** 14n;

function decimalToCents(text: string): bigint | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, whole = "0", fraction = ""] = match;
  const cents = BigInt(whole) * 100n + BigInt((fraction + "00").slice(0, 2)); // truncated downward
  return cents <= MAX_CENTS ? cents : null;
}

/**
 * G2A's unit_price / auction_base_price: a string "5.49" or a non-negative JSON number,
 * as integer euro cents truncated downward (g2a-merchant-contract.md §3.6). Parsed from the
 * decimal text, never through float arithmetic.
 */
export const g2aPriceSchema = z
  .union([z.string(), z.number()], { error: 'must be a price such as "5.49"' })
  .transform((value, ctx) => {
    let text: string | null = null;
    if (typeof value === "string") text = value;
    else if (Number.isFinite(value) && value >= 0) {
      text = value.toString();
      if (/e/i.test(text)) text = value < 1 ? value.toFixed(20) : null;
    }
    const cents = text === null ? null : decimalToCents(text);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: 'must be a non-negative amount such as "5.49"' });
      return z.NEVER;
    }
    return cents;
  });

/** Cents as the decimal text G2A sent or would send: 450n -> "4.50". */
export function formatEuros(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}
