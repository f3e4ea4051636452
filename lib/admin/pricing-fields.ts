import { z } from "zod";
import { formatEuros } from "@/lib/g2a/money";
import { PricingStrategy } from "@/lib/generated/prisma/enums";

// Money and pricing fields as staff type them, shared by the mapping schema and the Settings schema.
// Amounts are read from the text, never through floating point. Free of server code.

/** A margin, a cost or a price above this is a typing mistake, not an amount: €100,000.00. */
export const MAX_EUR_CENTS = 10_000_000n;

export const PRICING_STRATEGIES = [
  PricingStrategy.FIXED,
  PricingStrategy.TARGET_MARGIN,
  PricingStrategy.FOLLOW_COMPETITION,
] as const;
export type PricingStrategyName = (typeof PRICING_STRATEGIES)[number];

/** Each strategy as the dashboard names it. */
export const PRICING_STRATEGY_LABELS: Record<PricingStrategyName, string> = {
  FIXED: "Fixed price",
  TARGET_MARGIN: "Target margin",
  FOLLOW_COMPETITION: "Follow the competition",
};

/** Refused under the % field when both target margins are given. */
export const TWO_MARGINS_MESSAGE = "enter the target margin in EUR or in %, not both";

/** Hundredths (cents, basis points) as "1.50", the way a human types them; null (no value) as "". */
function hundredthsText(value: bigint | number | string | null): string {
  return value === null ? "" : formatEuros(BigInt(value));
}

/** Cents as "1.50"; null (no value) as "". */
export const centsToEurText = (cents: bigint | string | null): string => hundredthsText(cents);

/** Basis points as the percentage "12.50"; null (no value) as "". */
export const basisPointsToPercentText = (basisPoints: number | null): string => hundredthsText(basisPoints);

const DECIMAL_PATTERN = /^(\d+)(?:\.(\d+))?$/;

type Unit = { name: string; example: string; decimals: string; limit: (max: bigint) => string };

const EUROS: Unit = {
  name: "an amount in euros",
  example: "1.50",
  decimals: "use at most 2 decimals (whole cents)",
  limit: (max) => hundredthsText(max),
};

const PERCENT: Unit = {
  name: "a percentage",
  example: "12.5",
  decimals: "use at most 2 decimals",
  limit: (max) => `${hundredthsText(max)} %`,
};

/** A number with up to two decimals typed by a human, in hundredths; null when left empty. */
function hundredths(unit: Unit, max: bigint) {
  return z
    .union([z.string(), z.number(), z.null()], { error: `must be ${unit.name} such as ${unit.example}` })
    .transform((value, ctx): bigint | null => {
      const text = typeof value === "number" ? String(value) : (value ?? "").trim();
      if (text === "") return null;
      const fail = (message: string) => {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      };
      if (text.startsWith("-")) return fail("must not be negative");
      if (/^\d+,\d+$/.test(text)) return fail(`use a dot for decimals, such as ${unit.example}`);
      const match = DECIMAL_PATTERN.exec(text);
      if (!match) return fail(`must be ${unit.name} such as ${unit.example}`);
      const [, whole = "0", fraction = ""] = match;
      if (fraction.length > 2) return fail(unit.decimals);
      const amount = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
      if (amount > max) return fail(`must be at most ${unit.limit(max)}`);
      return amount;
    });
}

/** Euros typed by a human ("1.50", "2", "0.5") as integer cents, or null when left empty. */
export function eurAmount(maxCents: bigint = MAX_EUR_CENTS) {
  return hundredths(EUROS, maxCents);
}

/** A percentage typed by a human ("12.5") as basis points (1250), or null when left empty. */
export function percentBasisPoints(maxBasisPoints: number) {
  return hundredths(PERCENT, BigInt(maxBasisPoints)).transform((value) => (value === null ? null : Number(value)));
}

/**
 * For a rule between fields: run it once those fields are valid themselves, so that its complaint
 * comes together with the other fields' (zod skips an object's refinements after any field failed).
 */
export function onceValid(fields: readonly string[]) {
  return {
    when: ({ issues }: { issues: ReadonlyArray<{ path?: PropertyKey[] }> }) =>
      issues.every((issue) => !fields.includes(String(issue.path?.[0]))),
  };
}
