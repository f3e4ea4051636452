import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { AuditEntry } from "@/lib/admin/audit-log";
import type { Page } from "@/lib/admin/paging";
import { AUDIT_PAGE_SIZE, auditFiltersToSearch, type AuditListFilters } from "./filters";

export const auditKeys = {
  all: ["audit"] as const,
  list: (filters: AuditListFilters) => [...auditKeys.all, filters] as const,
};

export function getAuditLog(filters: AuditListFilters, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  const params = new URLSearchParams(auditFiltersToSearch(filters));
  params.set("page", String(filters.page));
  params.set("pageSize", String(AUDIT_PAGE_SIZE));
  return fetchJson<Page<AuditEntry>>(`/api/admin/audit?${params}`, { signal });
}

export const auditLogQueryOptions = (filters: AuditListFilters) =>
  queryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) => getAuditLog(filters, signal),
    placeholderData: keepPreviousData,
  });

export function useAuditLog(filters: AuditListFilters) {
  return useQuery(auditLogQueryOptions(filters));
}
