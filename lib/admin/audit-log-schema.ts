import { z } from "zod";

// The audit log's filters, checked with the same rules by the filter form and the admin API; no server imports.

// An empty date field (the form's, or `?from=` in a URL) means no bound.
const date = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z.iso.date({ error: "Use a date such as 2026-11-22" }).optional(),
);
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { error: message })
    .transform((value) => value || undefined)
    .optional();

export const auditFilterFields = z.object({
  /** An exact action ("user.create"), or a prefix ending in * ("user.*"). */
  action: optionalText(100, "Keep the action under 100 characters").refine(
    (value) => value === undefined || /^[\w.-]+\*?$/.test(value),
    {
      error: "Use an action such as user.create, or a prefix such as user.*",
    },
  ),
  /** Part of the actor's e-mail. */
  actor: optionalText(254, "Keep the e-mail under 254 characters"),
  /** The exact id of what was acted on (an order, a user, a key…). */
  target: optionalText(200, "Keep the id under 200 characters"),
  from: date,
  to: date,
});

/** Refuses an end date before the start date, on the end date's field. */
export function withDateOrder<S extends z.ZodType<{ from?: string; to?: string }>>(schema: S): S {
  return schema.refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, {
    error: "The end date comes before the start date",
    path: ["to"],
  });
}

export const auditFiltersSchema = withDateOrder(auditFilterFields);
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** An action filter ending in * matches every action that starts with what comes before it. */
export function actionMatch(action: string): { equals: string } | { startsWith: string } {
  return action.endsWith("*") ? { startsWith: action.slice(0, -1) } : { equals: action };
}
