import { z } from "zod";
import { toCents } from "./pricing";

// Wire shapes of the CWS v3 API (codeswholesale-v3.md §6, Appendix A). Unknown fields are dropped;
// a missing optional field, null and "" mean the same thing (§2.6). Amounts become integer cents
// as they are parsed (§2.3), so no float arithmetic happens past this file.

const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value === "" || value == null ? null : value));

export const priceTierSchema = z
  .object({
    value: z.number().nonnegative(),
    from: z.number().int().nonnegative(),
    // null or 0: the band has no upper end
    to: z.number().int().nonnegative().nullish(),
  })
  .transform(({ value, from, to }) => ({ valueCents: toCents(value), from, to: to ?? null }));
export type PriceTier = z.infer<typeof priceTierSchema>;

export const productSchema = z.object({
  productId: z.string().min(1),
  identifier: z.string().default(""),
  name: z.string().default(""),
  platform: z
    .string()
    .nullish()
    .transform((value) => value ?? ""),
  quantity: z.number().int().nonnegative(),
  prices: z.array(priceTierSchema),
  regions: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
  languages: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
  releaseDate: optionalText,
});
export type CwsProduct = z.infer<typeof productSchema>;

export const productPageSchema = z.object({
  continuationToken: optionalText,
  items: z.array(productSchema),
});
export type CwsProductPage = z.infer<typeof productPageSchema>;

export const accountSchema = z
  .object({
    fullName: z.string().nullish(),
    email: z.string().nullish(),
    currentBalance: z.number(),
    currentCredit: z.number().nullish(),
    totalToUse: z.number(),
  })
  .transform((raw) => ({
    fullName: raw.fullName ?? null,
    email: raw.email ?? null,
    balanceCents: toCents(raw.currentBalance),
    creditCents: toCents(raw.currentCredit ?? 0),
    totalToUseCents: toCents(raw.totalToUse),
  }));
export type CwsAccount = z.infer<typeof accountSchema>;

export const codeSchema = z.object({
  codeType: z.string(),
  status: z.string().nullish(),
  codeId: z.string().min(1),
  filename: optionalText,
  code: optionalText,
});
export type CwsCode = z.infer<typeof codeSchema>;

export const orderProductSchema = z
  .object({
    productId: z.string().min(1),
    name: z.string().nullish(),
    unitPrice: z.number().nonnegative(),
    codes: z.array(codeSchema).nullish(),
  })
  .transform((raw) => ({
    productId: raw.productId,
    name: raw.name ?? "",
    unitPriceCents: toCents(raw.unitPrice),
    codes: raw.codes ?? [],
  }));

const orderSummaryShape = {
  orderId: z.string().min(1),
  clientOrderId: optionalText,
  identifier: z.string().nullish(),
  totalPrice: z.number(),
  createdOn: z.string().min(1),
  status: z.string().nullish(),
};

function summaryOf(raw: z.infer<z.ZodObject<typeof orderSummaryShape>>) {
  return {
    orderId: raw.orderId,
    clientOrderId: raw.clientOrderId,
    identifier: raw.identifier ?? "",
    totalPriceCents: toCents(raw.totalPrice),
    createdOn: raw.createdOn,
    status: raw.status ?? "",
  };
}

export const orderSummarySchema = z.object(orderSummaryShape).transform(summaryOf);
export type CwsOrderSummary = z.infer<typeof orderSummarySchema>;

export const orderSchema = z
  .object({ ...orderSummaryShape, products: z.array(orderProductSchema) })
  .transform((raw) => ({ ...summaryOf(raw), products: raw.products }));
export type CwsOrder = z.infer<typeof orderSchema>;

export const orderHistorySchema = z.object({ items: z.array(orderSummarySchema) });

/** Tokens: standard OAuth fields, or the reference page's `value` / `expiresIn` model (§3.1). */
export { tokenResponseSchema } from "@/lib/api-client/client-credentials";

/** Business error body `{status, code, message}`; `code` may be a number or a string (§9.1). */
export const businessErrorSchema = z.object({
  status: z.number().optional(),
  code: z.union([z.number(), z.string()]).transform(String),
  message: z.string().nullish(),
});

export const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().nullish(),
});

/** The order we send (§5.6). */
export type CwsOrderRequest = {
  allowPreOrder: boolean;
  orderId: string;
  products: Array<{ productId: string; quantity: number; price: number }>;
};
