"use client";

import { ScrollText } from "lucide-react";
import { errorMessage } from "@/components/api/fetch-json";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useListSearch } from "@/components/ui/use-list-search";
import { useAuditLog } from "./api";
import { AuditFiltersForm } from "./audit-filters-form";
import { AuditTable } from "./audit-table";
import { AUDIT_PAGE_SIZE, parseAuditFilters } from "./filters";

/** The audit log, its filters kept in the URL so a view can be shared and survives a reload. */
export function AuditLogView() {
  const { params, update, replace } = useListSearch();
  const filters = parseAuditFilters(params);
  const log = useAuditLog(filters);
  const filtered = Boolean(filters.action || filters.actor || filters.target || filters.from || filters.to);

  return (
    <div className="space-y-4">
      <AuditFiltersForm filters={filters} onApply={replace} />
      {log.isPending ? (
        <TableSkeleton label="Loading the audit log" />
      ) : log.isError ? (
        <ErrorState
          title="The audit log could not be loaded"
          message={errorMessage(log.error)}
          onRetry={() => void log.refetch()}
        />
      ) : log.data.items.length === 0 ? (
        <EmptyState
          icon={ScrollText}
          title={filtered ? "No audit entries match" : "Nothing audited yet"}
          hint={
            filtered
              ? "Try a wider date range, an action prefix such as user.*, or clear the filters."
              : "Staff actions (retries, key reveals, settings and user changes) appear here."
          }
        />
      ) : (
        <>
          <AuditTable entries={log.data.items} />
          <Pagination
            page={log.data.page}
            pageSize={AUDIT_PAGE_SIZE}
            total={log.data.total}
            onPage={(page) => update({ page })}
            noun={["entry", "entries"]}
          />
        </>
      )}
    </div>
  );
}
