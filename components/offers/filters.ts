import { z } from "zod";
import { OFFER_PROBLEMS } from "./format";

/** The offers list's filters as they live in the page's query string; anything malformed is dropped. */
export const offerFiltersSchema = z.object({
  problem: z.enum(OFFER_PROBLEMS).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(60)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type OfferFilters = z.infer<typeof offerFiltersSchema>;

export const OFFERS_PAGE_SIZE = 25;

export function parseOfferFilters(params: Record<string, string>): OfferFilters {
  return offerFiltersSchema.parse(params);
}
