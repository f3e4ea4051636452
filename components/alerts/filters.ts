import { z } from "zod";
import { ALERT_STATES } from "@/lib/admin/alert-schema";
import { ALERT_TYPES } from "@/lib/alerts/catalogue";
import { SEVERITIES } from "./format";

/** The alerts list's filters as they live in the page's query string; anything malformed is dropped. */
export const alertFiltersSchema = z.object({
  state: z.enum(ALERT_STATES).catch("open").default("open"),
  type: z.enum(ALERT_TYPES).optional().catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type AlertFilters = z.infer<typeof alertFiltersSchema>;

export const ALERTS_PAGE_SIZE = 25;

export function parseAlertFilters(params: Record<string, string>): AlertFilters {
  return alertFiltersSchema.parse(params);
}
