import { z } from "zod";
import { g2aPriceSchema } from "@/lib/g2a/money";

// Wire shapes of G2A's Import API (g2a-import-api.md). Where the sources disagree the schemas accept
// every reading seen; amounts become BigInt euro cents as they are parsed, so no float arithmetic
// happens past this file. Unknown fields are dropped.

/** An amount as a decimal string ("5.98") or a JSON number (5.98), possibly negative, in cents. */
export const amountCentsSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const negative = typeof value === "string" ? value.trim().startsWith("-") : value < 0;
  const magnitude = typeof value === "string" ? value.trim().replace(/^-/, "") : Math.abs(value);
  const parsed = g2aPriceSchema.safeParse(magnitude);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: 'must be an amount such as "5.98"' });
    return z.NEVER;
  }
  return negative ? -parsed.data : parsed.data;
});

/** Product ids are 14-digit numbers that G2A may send as a string or as a number (§2). */
export const productIdSchema = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);

const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value === "" || value == null ? null : value));

const codeText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === "" || value == null ? null : String(value)));

/** A price that is flat (`"5.98"`, `5.98`) or nested as competitor offers have it (`{base:{value}}`). */
const priceValueSchema = z
  .union([amountCentsSchema, z.object({ base: z.object({ value: amountCentsSchema }) })])
  .transform((value) => (typeof value === "bigint" ? value : value.base.value));

/** An offer's `price`: flat, or an object with `retail`/`business`, each flat or nested (§3.4, §6). */
const offerPriceSchema = z
  .union([amountCentsSchema, z.object({ retail: priceValueSchema.nullish(), business: priceValueSchema.nullish() })])
  .transform((value) =>
    typeof value === "bigint"
      ? { retail: value, business: null }
      : { retail: value.retail ?? null, business: value.business ?? null },
  );

export const priceLimitSchema = z
  .object({ min: amountCentsSchema, max: amountCentsSchema })
  .transform(({ min, max }) => ({ minCents: min, maxCents: max }));
export type G2aPriceLimit = z.infer<typeof priceLimitSchema>;

const pageMetaSchema = z
  .object({
    page: z.coerce.number().int().nullish(),
    itemsPerPage: z.coerce.number().int().nullish(),
    totalResults: z.coerce.number().int().nullish(),
  })
  .nullish();

/** Our own offer (§3.4): active from `active` when present, else from `status == "active"`. */
export const offerSchema = z
  .object({
    id: z.string().min(1),
    type: optionalText,
    status: optionalText,
    active: z.boolean().nullish(),
    product: z.object({ id: productIdSchema, name: optionalText }),
    price: offerPriceSchema.nullish(),
    businessPrice: amountCentsSchema.nullish(),
    visibility: optionalText,
    inventory: z
      .object({ size: z.coerce.number().int().nonnegative(), sold: z.coerce.number().int().nullish() })
      .nullish(),
    priceLimit: priceLimitSchema.nullish(),
  })
  .transform((raw) => ({
    id: raw.id,
    type: raw.type,
    active: raw.active ?? raw.status === "active",
    status: raw.status,
    productId: raw.product.id,
    productName: raw.product.name,
    priceCents: raw.price?.retail ?? null,
    businessPriceCents: raw.businessPrice ?? raw.price?.business ?? null,
    visibility: raw.visibility,
    inventorySize: raw.inventory?.size ?? 0,
    soldCount: raw.inventory?.sold ?? null,
    priceLimit: raw.priceLimit ?? null,
  }));
export type G2aOffer = z.infer<typeof offerSchema>;

export const offerAnswerSchema = z.object({ data: offerSchema }).transform((raw) => raw.data);

export const offerPageSchema = z.object({ data: z.array(offerSchema), meta: pageMetaSchema });

/** A 200/202/204 answer to a write: `{data:{jobId}}`, a top-level `jobId`, or none (no body) when the change is done. */
export const writeAcceptedSchema = z
  .object({
    data: z.object({ jobId: z.string().min(1).nullish() }).nullish(),
    jobId: z.string().min(1).nullish(),
  })
  .optional()
  .transform((raw) => raw?.data?.jobId ?? raw?.jobId ?? null);

const JOB_FINISHED = ["complete", "completed", "done", "failed", "error"];
const FAILED = ["failed", "error"];

const jobElementSchema = z
  .object({
    resourceId: codeText,
    resourceType: optionalText,
    status: optionalText,
    code: codeText,
    message: optionalText,
  })
  .transform((raw) => ({ ...raw, failed: raw.code !== null || FAILED.includes(raw.status?.toLowerCase() ?? "") }));
export type G2aJobElementAnswer = z.infer<typeof jobElementSchema>;

/** A job (§4): finished ⇔ status ∈ {complete, completed, done, failed, error}; unknown statuses mean running. */
export const jobAnswerSchema = z
  .object({
    data: z.object({
      jobId: optionalText,
      status: optionalText,
      elements: z
        .array(jobElementSchema)
        .nullish()
        .transform((value) => value ?? []),
    }),
  })
  .transform(({ data }) => {
    const status = data.status?.toLowerCase() ?? "";
    return {
      status: data.status,
      finished: JOB_FINISHED.includes(status),
      failed: FAILED.includes(status),
      elements: data.elements,
    };
  });
export type G2aJob = z.infer<typeof jobAnswerSchema>;

const amountMapSchema = z
  .record(z.string(), amountCentsSchema)
  .nullish()
  .transform((value) => value ?? {});

/** The pricing simulation (§5), not wrapped in `data`: maps keyed "ALL" or a country, values in cents. */
export const simulationSchema = z
  .object({
    income: amountMapSchema,
    businessIncome: amountMapSchema,
    finalePrice: amountMapSchema,
    businessFinalPrice: amountMapSchema,
  })
  .refine(
    (raw) => Object.keys(raw.income).length > 0 || Object.keys(raw.businessIncome).length > 0,
    "simulation without income",
  );
export type G2aPriceSimulation = z.infer<typeof simulationSchema>;

/** Another seller's offer for a product (§6), price flat or nested. */
export const competitorOfferSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    price: offerPriceSchema.nullish(),
    seller: z
      .object({ name: optionalText, rating: z.coerce.number().nullish(), ratingsCount: z.coerce.number().nullish() })
      .nullish(),
    inventory: z.object({ range: z.union([z.string(), z.number()]).nullish() }).nullish(),
  })
  .transform((raw) => {
    const range = raw.inventory?.range == null ? null : String(raw.inventory.range);
    return {
      id: raw.id,
      priceCents: raw.price?.retail ?? null,
      businessPriceCents: raw.price?.business ?? null,
      sellerName: raw.seller?.name ?? null,
      sellerRating: raw.seller?.rating ?? null,
      inventoryRange: range,
      inStock: range !== "0",
    };
  });

export const competitorPageSchema = z.object({ data: z.array(competitorOfferSchema), meta: pageMetaSchema });

/** An error body (§7.1): `code`/`message` at the top level, in `errors[0]`, or in `data`. */
export const errorBodySchema = z
  .object({
    code: codeText,
    message: optionalText,
    errors: z
      .array(z.object({ code: codeText, message: optionalText, detail: optionalText, field: optionalText }))
      .nullish()
      .catch(null),
    data: z.object({ code: codeText, message: optionalText, offerId: optionalText }).nullish().catch(null),
    offerId: optionalText.catch(null),
  })
  .transform((raw) => {
    const first = raw.errors?.[0];
    const firstText = first?.message ?? first?.detail ?? null;
    const firstError = first
      ? [first.field, first.code, firstText].filter((part) => part !== null).join(": ") || null
      : null;
    return {
      code: raw.code ?? first?.code ?? raw.data?.code ?? null,
      message: raw.message ?? firstText ?? raw.data?.message ?? null,
      /** The first field error of a 400 "BadRequestExtended", when the top level already gave code and message. */
      firstError: raw.code !== null || raw.message !== null ? firstError : null,
      offerId: raw.data?.offerId ?? raw.offerId ?? null,
    };
  });
