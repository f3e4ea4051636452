import { z } from "zod";
import type { PricingDefaults } from "@/lib/offers/defaults";
import { eurAmount, onceValid, percentBasisPoints, PRICING_STRATEGIES, TWO_MARGINS_MESSAGE } from "./pricing-fields";

// The Settings page's forms, checked with the same rules in the browser and by the admin API; no server imports.

/** Turns the selling switch; a pause may say why (shown on the Settings page and kept in the audit log). */
export const sellingSchema = z.object({
  paused: z.boolean({ error: "Say whether selling is paused (true or false)" }),
  reason: z
    .string()
    .trim()
    .max(500, { error: "Keep the reason under 500 characters" })
    .transform((value) => value || undefined)
    .optional(),
});
export type SellingInput = z.infer<typeof sellingSchema>;

/** A new G2A credential pair; the label only helps staff tell pairs apart. */
export const newG2aCredentialsSchema = z.object({
  label: z
    .string()
    .trim()
    .max(80, { error: "Keep the label under 80 characters" })
    .transform((value) => value || undefined)
    .optional(),
});
export type NewG2aCredentialsInput = z.infer<typeof newG2aCredentialsSchema>;

/** Import API credentials an admin enters: saved, or tested before saving. The secret is never answered back. */
export const g2aApiCredentialsSchema = z.object({
  baseUrl: z
    .string()
    .trim()
    .min(1, { error: "Enter G2A's API address, e.g. https://api.g2a.com" })
    .max(300, { error: "Keep the address under 300 characters" })
    .pipe(z.url({ protocol: /^https?$/, error: "Enter an http(s) address, e.g. https://api.g2a.com" }))
    .transform((url) => url.replace(/\/+$/, "")),
  clientId: z
    .string()
    .trim()
    .min(1, { error: "Enter the client id" })
    .max(200, { error: "Keep the client id under 200 characters" }),
  clientSecret: z
    .string()
    .trim()
    .min(1, { error: "Enter the client secret" })
    .max(500, { error: "Keep the client secret under 500 characters" }),
});
export type G2aApiCredentialsInput = z.infer<typeof g2aApiCredentialsSchema>;

/** "Test connection": the credentials typed in the form, or an empty object (`{}`) for the connection in use. */
export function parseG2aApiConnectionTest(body: unknown): G2aApiCredentialsInput | null {
  const empty = typeof body === "object" && body !== null && !Array.isArray(body) && Object.keys(body).length === 0;
  return empty ? null : g2aApiCredentialsSchema.parse(body);
}

const STRATEGY_MESSAGE = `Choose one of ${PRICING_STRATEGIES.join(", ")}`;
const PRICE_STEP_MESSAGE = "Enter the price step, from 0.01 to 100.00";
/** A step above €100.00 would keep every price where it is. */
const MAX_PRICE_STEP_CENTS = 10_000n;
/** A target margin above 1000 % of the floor is a typing mistake, as on a mapping. */
const MAX_MARGIN_BASIS_POINTS = 100_000;

/**
 * The pricing defaults an admin sets in Settings: how offers are priced where their mapping says
 * nothing. Typed in euros and %, kept in cents and basis points.
 */
export const pricingDefaultsSchema = z
  .object({
    strategy: z.string({ error: STRATEGY_MESSAGE }).pipe(z.enum(PRICING_STRATEGIES, { error: STRATEGY_MESSAGE })),
    targetMarginEur: eurAmount().default(null),
    targetMarginPercent: percentBasisPoints(MAX_MARGIN_BASIS_POINTS).default(null),
    priceStepEur: eurAmount(MAX_PRICE_STEP_CENTS).pipe(
      z.bigint({ error: PRICE_STEP_MESSAGE }).min(1n, PRICE_STEP_MESSAGE),
    ),
    maxPriceEur: eurAmount().default(null),
  })
  .superRefine(
    (input, ctx) => {
      const { targetMarginEur: cents, targetMarginPercent: basisPoints } = input;
      if (cents === null && basisPoints === null)
        ctx.addIssue({ code: "custom", path: ["targetMarginEur"], message: "Enter the target margin, in EUR or in %" });
      if (cents !== null && basisPoints !== null)
        ctx.addIssue({ code: "custom", path: ["targetMarginPercent"], message: TWO_MARGINS_MESSAGE });
    },
    onceValid(["targetMarginEur", "targetMarginPercent"]),
  )
  .transform((input): PricingDefaults => ({
    strategy: input.strategy,
    targetMarginCents: input.targetMarginEur,
    targetMarginBasisPoints: input.targetMarginPercent,
    priceStepCents: input.priceStepEur,
    maxPriceCents: input.maxPriceEur,
  }));
export type PricingDefaultsInput = z.input<typeof pricingDefaultsSchema>;
