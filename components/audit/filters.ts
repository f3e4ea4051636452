import { z } from "zod";
import { auditFilterFields, type AuditFilters } from "@/lib/admin/audit-log-schema";

const fields = auditFilterFields.shape;

/** The audit log's filters as they live in the page's query string; anything malformed is dropped. */
const auditUrlSchema = z.object({
  action: fields.action.catch(undefined),
  actor: fields.actor.catch(undefined),
  target: fields.target.catch(undefined),
  from: fields.from.catch(undefined),
  to: fields.to.catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type AuditListFilters = AuditFilters & { page: number };

export const AUDIT_PAGE_SIZE = 25;

export function parseAuditFilters(params: Record<string, string>): AuditListFilters {
  return auditUrlSchema.parse(params);
}

/** Back to a query string, leaving out what is unset so URLs stay short. */
export function auditFiltersToSearch(filters: AuditListFilters): string {
  const params = new URLSearchParams();
  for (const name of ["action", "actor", "target", "from", "to"] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  if (filters.page > 1) params.set("page", String(filters.page));
  return params.toString();
}
