import { z } from "zod";
import { ORDER_STATUSES } from "./types";

const date = z.iso.date().optional().catch(undefined);

/** The orders list's filters as they live in the page's query string; anything malformed is dropped. */
export const orderFiltersSchema = z.object({
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  needsAttention: z.literal("true").optional().catch(undefined),
  from: date,
  to: date,
  q: z
    .string()
    .trim()
    .max(64)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type OrderFilters = z.infer<typeof orderFiltersSchema>;

export const ORDERS_PAGE_SIZE = 25;

export function parseOrderFilters(params: Record<string, string>): OrderFilters {
  return orderFiltersSchema.parse(params);
}

/** Back to a query string, leaving out defaults so URLs stay short. */
export function orderFiltersToSearch(filters: OrderFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.needsAttention) params.set("needsAttention", filters.needsAttention);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.q) params.set("q", filters.q);
  if (filters.page > 1) params.set("page", String(filters.page));
  return params.toString();
}
