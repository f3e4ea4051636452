import { z } from "zod";
import { mappingSearchSchema } from "@/lib/admin/mapping-schema";

/** The mappings list's filters as they live in the page's query string; anything malformed is dropped. */
export const mappingFiltersSchema = z.object({
  q: z
    .string()
    .optional()
    .catch(undefined)
    .transform((value) => (value && mappingSearchSchema.safeParse(value).success ? value.trim() : undefined)),
  enabled: z.enum(["true", "false"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type MappingFilters = z.infer<typeof mappingFiltersSchema>;

export const MAPPINGS_PAGE_SIZE = 25;

export function parseMappingFilters(params: URLSearchParams): MappingFilters {
  return mappingFiltersSchema.parse(Object.fromEntries(params));
}

/** Back to a query string, leaving out defaults so URLs stay short. */
export function mappingFiltersToSearch(filters: MappingFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.enabled) params.set("enabled", filters.enabled);
  if (filters.page > 1) params.set("page", String(filters.page));
  return params.toString();
}
