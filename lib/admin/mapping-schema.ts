import { z } from "zod";
import { MAX_DECLARED_STOCK } from "@/lib/g2a-api/offer-requests";
import { canonicalG2aId, isUuid } from "@/lib/g2a/ids";
import {
  eurAmount,
  onceValid,
  percentBasisPoints,
  PRICING_STRATEGIES,
  TWO_MARGINS_MESSAGE,
  type PricingStrategyName,
} from "./pricing-fields";

// The contract of product mappings between the dashboard and the admin API: the input schema the
// form and the API both validate with, and the shapes the API answers with. Free of server code.

/** Import limits: the text of one file, and its data rows. */
export const MAX_IMPORT_CSV_BYTES = 512 * 1024;
export const MAX_IMPORT_ROWS = 5_000;

/** A target margin above 1000 % of the floor is a typing mistake. */
export const MAX_TARGET_MARGIN_BASIS_POINTS = 100_000;

const NOTE_MAX = 500;
const OFFER_ID_MAX = 64;

/** Optional free text: trimmed, and empty means none. */
const optionalText = (max: number) =>
  z
    .union([z.string(), z.null()], { error: "must be text" })
    .transform((value) => value?.trim() || null)
    .refine((value) => value === null || value.length <= max, { error: `must be at most ${max} characters` });

/** A G2A id typed or pasted: digits, to the canonical form lib/g2a reads G2A's ids in (no leading zeros). */
function canonicalDigits(text: string, ctx: z.RefinementCtx, message: string): string {
  const canonical = canonicalG2aId(text);
  if (canonical === null) {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  }
  return canonical;
}

const G2A_PRODUCT_ID_MESSAGE = "must be a G2A product id: digits only, such as 10000068865001";
const G2A_PRODUCT_ID_MISSING = "enter the G2A product id";

const g2aProductIdField = z
  .union([z.string(), z.number()], {
    error: (issue) => (issue.input == null ? G2A_PRODUCT_ID_MISSING : G2A_PRODUCT_ID_MESSAGE),
  })
  .transform((value, ctx) => {
    const text = String(value).trim();
    return canonicalDigits(text, ctx, text === "" ? G2A_PRODUCT_ID_MISSING : G2A_PRODUCT_ID_MESSAGE);
  });

const G2A_AUCTION_ID_MESSAGE = "must be a G2A auction id: digits only";

const g2aAuctionIdField = z
  .union([z.string(), z.number(), z.null()], { error: G2A_AUCTION_ID_MESSAGE })
  .transform((value, ctx) => {
    const text = value === null ? "" : String(value).trim();
    return text === "" ? null : canonicalDigits(text, ctx, G2A_AUCTION_ID_MESSAGE);
  });

/** A CWS product id: a UUID, stored lower-case as CWS writes it (snapshots are keyed by CWS's own spelling). */
export const cwsProductIdSchema = z
  .string({ error: "enter the CWS product id (a UUID)" })
  .trim()
  .min(1, { error: "enter the CWS product id (a UUID)", abort: true })
  .refine(isUuid, { error: "must be a CWS product id: a UUID such as 303e8869-e17e-465d-9956-52a35489a490" })
  .transform((value) => value.toLowerCase());

const PRICING_STRATEGY_MESSAGE = `must be ${PRICING_STRATEGIES.join(", ")}, or empty for the default from Settings`;

/** A strategy in any case; empty means the mapping takes the default from Settings. */
const pricingStrategyField = z
  .union([z.string(), z.null()], { error: PRICING_STRATEGY_MESSAGE })
  .transform((value, ctx): PricingStrategyName | null => {
    const text = (value ?? "").trim().toUpperCase();
    if (text === "") return null;
    const strategy = PRICING_STRATEGIES.find((name) => name === text);
    if (strategy) return strategy;
    ctx.addIssue({ code: "custom", message: PRICING_STRATEGY_MESSAGE });
    return z.NEVER;
  });

const DECLARED_STOCK_MESSAGE = `must be a whole number from 0 to ${MAX_DECLARED_STOCK}`;

/** The most stock declared to G2A; empty means G2A's own cap. */
const maxDeclaredStockField = z
  .union([z.string(), z.number(), z.null()], { error: DECLARED_STOCK_MESSAGE })
  .transform((value, ctx): number | null => {
    const text = typeof value === "number" ? String(value) : (value ?? "").trim();
    if (text === "") return null;
    if (/^\d+$/.test(text) && Number(text) <= MAX_DECLARED_STOCK) return Number(text);
    ctx.addIssue({ code: "custom", message: DECLARED_STOCK_MESSAGE });
    return z.NEVER;
  });

/** The pricing of one mapping as stored; undefined where it is not being set. */
export type MappingPricing = {
  pricingStrategy?: PricingStrategyName | null;
  fixedPriceCents?: bigint | null;
  targetMarginCents?: bigint | null;
  targetMarginBasisPoints?: number | null;
};

/**
 * What the pricing fields break together, by field: FIXED needs its price, and a target margin is in
 * EUR or in % of the floor, not both. Checked on each input, and by an update on the merged mapping.
 */
export function pricingRuleErrors(
  pricing: MappingPricing,
): Partial<Record<"fixedPriceEur" | "targetMarginPercent", string>> {
  return {
    ...(pricing.pricingStrategy === "FIXED" && pricing.fixedPriceCents == null
      ? { fixedPriceEur: "enter the fixed price: the FIXED strategy needs one" }
      : {}),
    ...(pricing.targetMarginCents != null && pricing.targetMarginBasisPoints != null
      ? { targetMarginPercent: TWO_MARGINS_MESSAGE }
      : {}),
  };
}

const fields = {
  g2aProductId: g2aProductIdField,
  cwsProductId: cwsProductIdSchema,
  enabled: z.boolean({ error: "must be true or false" }),
  minMarginEur: eurAmount(),
  maxUnitCostEur: eurAmount(),
  allowPreOrder: z.boolean({ error: "must be true or false" }),
  pricingStrategy: pricingStrategyField,
  fixedPriceEur: eurAmount(),
  targetMarginEur: eurAmount(),
  targetMarginPercent: percentBasisPoints(MAX_TARGET_MARGIN_BASIS_POINTS),
  maxPriceEur: eurAmount(),
  maxDeclaredStock: maxDeclaredStockField,
  // G2A sends offer ids as lower-case UUIDs in its notifications; they are matched exactly.
  g2aOfferId: optionalText(OFFER_ID_MAX)
    .refine((value) => value === null || /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(value), {
      error: "use letters, digits and dashes only",
    })
    .transform((value) => (value !== null && isUuid(value) ? value.toLowerCase() : value)),
  g2aAuctionId: g2aAuctionIdField,
  note: optionalText(NOTE_MAX),
};

/**
 * A whole mapping: what the create form, POST and every CSV row are checked against. Pricing left
 * out stays undefined: unset on a new mapping, and as stored when an import file has no pricing columns.
 */
export const mappingInputSchema = z
  .object({
    ...fields,
    enabled: fields.enabled.default(true),
    allowPreOrder: fields.allowPreOrder.default(false),
    minMarginEur: fields.minMarginEur.default(null),
    maxUnitCostEur: fields.maxUnitCostEur.default(null),
    pricingStrategy: fields.pricingStrategy.optional(),
    fixedPriceEur: fields.fixedPriceEur.optional(),
    targetMarginEur: fields.targetMarginEur.optional(),
    targetMarginPercent: fields.targetMarginPercent.optional(),
    maxPriceEur: fields.maxPriceEur.optional(),
    maxDeclaredStock: fields.maxDeclaredStock.optional(),
    g2aOfferId: fields.g2aOfferId.default(null),
    g2aAuctionId: fields.g2aAuctionId.default(null),
    note: fields.note.default(null),
  })
  .superRefine(
    (data, ctx) => {
      const broken = pricingRuleErrors({
        pricingStrategy: data.pricingStrategy,
        fixedPriceCents: data.fixedPriceEur,
        targetMarginCents: data.targetMarginEur,
        targetMarginBasisPoints: data.targetMarginPercent,
      });
      for (const [field, message] of Object.entries(broken)) ctx.addIssue({ code: "custom", path: [field], message });
    },
    onceValid(["pricingStrategy", "fixedPriceEur", "targetMarginEur", "targetMarginPercent"]),
  );
export type MappingInput = z.input<typeof mappingInputSchema>;
export type MappingData = z.output<typeof mappingInputSchema>;

/**
 * PATCH: only the fields sent change (null or "" clears an optional one); `{enabled}` alone toggles.
 * The pricing rules are checked on the mapping as it would become (pricingRuleErrors).
 */
export const mappingUpdateSchema = z.object(fields).partial();
export type MappingUpdate = z.output<typeof mappingUpdateSchema>;

/** The list's search: an exact G2A product id or CWS product id. */
export const mappingSearchSchema = z
  .string()
  .trim()
  .max(64)
  .transform((value, ctx): { g2aProductId: string } | { cwsProductId: string } | null => {
    if (value === "") return null;
    if (isUuid(value)) return { cwsProductId: value.toLowerCase() };
    const g2aProductId = canonicalG2aId(value);
    if (g2aProductId) return { g2aProductId };
    ctx.addIssue({ code: "custom", message: "enter a G2A product id (digits) or a CWS product id (UUID)" });
    return z.NEVER;
  });

// ---- answers of the admin API

/** What the list shows of the CWS product, from its last stock snapshot. */
export type MappingCwsSnapshot = {
  name: string | null;
  platform: string | null;
  quantity: number;
  /** False when CWS no longer sells it. */
  available: boolean;
  fetchedAt: string;
};

/** One mapping as the admin API answers it; money is cents as a decimal string. */
export type MappingRow = {
  id: string;
  g2aProductId: string;
  cwsProductId: string;
  enabled: boolean;
  minMarginCents: string | null;
  maxUnitCostCents: string | null;
  allowPreOrder: boolean;
  /** Null: the default from Settings. */
  pricingStrategy: PricingStrategyName | null;
  fixedPriceCents: string | null;
  targetMarginCents: string | null;
  /** The target margin in % of the floor, in basis points (1250 = 12.5 %). */
  targetMarginBasisPoints: number | null;
  maxPriceCents: string | null;
  /** Null: 9,999. */
  maxDeclaredStock: number | null;
  g2aOfferId: string | null;
  g2aAuctionId: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  cws: MappingCwsSnapshot | null;
};

export type MappingPage = { items: MappingRow[]; page: number; pageSize: number; total: number };

/** The live CWS lookup of one product. */
export type CwsProductLookup = {
  productId: string;
  identifier: string;
  name: string;
  platform: string;
  quantity: number;
  /** Sorted by `from`; `to` null means no upper end. */
  priceTiers: Array<{ from: number; to: number | null; priceCents: string }>;
  releaseDate: string | null;
};

/** One rejected line of an import: its line in the file (the header is line 1) and what is wrong, by column. */
export type ImportRowReport = { line: number; g2aProductId?: string; errors: Record<string, string[]> };

export type ImportCounts = { created: number; updated: number; unchanged: number };

/** A dry run's answer: what an import would do, or every line that stops it. */
export type ImportPreview = ({ valid: true } & ImportCounts) | { valid: false; rows: ImportRowReport[] };

/** The body of POST /api/admin/mappings/import. */
export const importRequestSchema = z.object({
  csv: z
    .string({ error: "send the file's text as csv" })
    .refine((text) => new TextEncoder().encode(text).byteLength <= MAX_IMPORT_CSV_BYTES, {
      error: `the file must be at most ${MAX_IMPORT_CSV_BYTES / 1024} KiB`,
    }),
  dryRun: z.boolean({ error: "must be true or false" }).default(false),
});
