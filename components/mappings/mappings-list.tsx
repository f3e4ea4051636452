"use client";

import { Download, Plus, Upload } from "lucide-react";
import { useState } from "react";
import { z } from "zod";
import { useCurrentUser } from "@/components/api/current-user";
import { errorMessage } from "@/components/api/fetch-json";
import { buttonStyles } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { TableSkeleton } from "@/components/ui/skeleton";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { useListSearch } from "@/components/ui/use-list-search";
import { mappingSearchSchema, type MappingRow } from "@/lib/admin/mapping-schema";
import { MAPPINGS_EXPORT_URL, MAPPINGS_PAGE_SIZE, useMappings, type MappingFilters } from "./api";
import { DeleteMappingDialog } from "./delete-mapping-dialog";
import { ImportDialog } from "./import-dialog";
import { MappingFormDialog } from "./mapping-form-dialog";
import { MappingsTable } from "./mappings-table";
import { hasRole } from "@/lib/auth/roles";

const filtersSchema = z.object({
  q: z.string().trim().max(64).optional().catch(undefined),
  enabled: z.enum(["true", "false"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

const SHOW = [
  { value: undefined, label: "All" },
  { value: "true", label: "Enabled" },
  { value: "false", label: "Disabled" },
] as const;

type FormTarget = { mapping: MappingRow | null } | null;

/**
 * The product mappings: filters kept in the URL, the table, and for admins create, edit, delete
 * and CSV import. Every role can export.
 */
export function MappingsList() {
  const { params, update } = useListSearch();
  const filters: MappingFilters = filtersSchema.parse(params);
  // Only exact ids are searched; anything else is explained instead of asked for.
  const searchError =
    filters.q && !mappingSearchSchema.safeParse(filters.q).success
      ? "Search by an exact G2A product id (digits) or CWS product id (UUID)."
      : null;
  const mappings = useMappings(filters, { enabled: searchError === null });
  const role = useCurrentUser().data?.role;
  const editable = role !== undefined && hasRole(role, "ADMIN");
  const [formTarget, setFormTarget] = useState<FormTarget>(null);
  const [deleting, setDeleting] = useState<MappingRow | null>(null);
  const [importing, setImporting] = useState(false);

  let list: React.ReactNode;
  if (searchError) list = <EmptyState title={`Nothing to search for in "${filters.q}"`} hint={searchError} />;
  else if (mappings.isPending) list = <TableSkeleton label="Loading product mappings" />;
  else if (mappings.isError)
    list = (
      <ErrorState
        title="The mappings could not be loaded"
        message={errorMessage(mappings.error)}
        onRetry={() => void mappings.refetch()}
      />
    );
  else if (mappings.data.items.length === 0) {
    list =
      filters.q || filters.enabled ? (
        <EmptyState title="No mappings match" hint="Try another id, or show all mappings." />
      ) : (
        <EmptyState
          title="No product mappings yet"
          hint={
            editable ? "Create one, or import a CSV file, to start selling a G2A product." : "An admin creates them."
          }
        />
      );
  } else {
    list = (
      <>
        <MappingsTable
          mappings={mappings.data.items}
          editable={editable}
          onEdit={(mapping) => setFormTarget({ mapping })}
          onDelete={setDeleting}
        />
        <Pagination
          page={mappings.data.page}
          pageSize={MAPPINGS_PAGE_SIZE}
          total={mappings.data.total}
          onPage={(page) => update({ page })}
          noun={["mapping", "mappings"]}
        />
      </>
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        {editable && (
          <>
            <button type="button" onClick={() => setFormTarget({ mapping: null })} className={buttonStyles.primary}>
              <Plus aria-hidden className="h-4 w-4" />
              New mapping
            </button>
            <button type="button" onClick={() => setImporting(true)} className={buttonStyles.secondary}>
              <Upload aria-hidden className="h-4 w-4" />
              Import CSV
            </button>
          </>
        )}
        <a href={MAPPINGS_EXPORT_URL} download className={buttonStyles.secondary}>
          <Download aria-hidden className="h-4 w-4" />
          Export CSV
        </a>
      </div>
      <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-end sm:justify-between">
        <ToggleGroup
          label="Which mappings"
          options={SHOW}
          value={filters.enabled}
          onChange={(enabled) => update({ enabled })}
        />
        <SearchForm
          label="Find by G2A product id or CWS product id"
          value={filters.q}
          placeholder="Exact id"
          onSearch={(q) => update({ q })}
        />
      </div>
      {list}
      {editable && (
        <>
          <MappingFormDialog
            open={formTarget !== null}
            mapping={formTarget?.mapping ?? null}
            onClose={() => setFormTarget(null)}
          />
          <DeleteMappingDialog mapping={deleting} onClose={() => setDeleting(null)} />
          <ImportDialog open={importing} onClose={() => setImporting(false)} />
        </>
      )}
    </div>
  );
}
