"use client";

import { Download, Plus, Upload } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useCurrentUser } from "@/components/api/current-user";
import { errorMessage } from "@/components/api/fetch-json";
import { buttonStyles } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import type { MappingRow } from "@/lib/admin/mapping-schema";
import { MAPPINGS_EXPORT_URL, useMappings } from "./api";
import { DeleteMappingDialog } from "./delete-mapping-dialog";
import { MAPPINGS_PAGE_SIZE, mappingFiltersToSearch, parseMappingFilters, type MappingFilters } from "./filters";
import { ImportDialog } from "./import-dialog";
import { MappingFiltersForm } from "./mapping-filters-form";
import { MappingFormDialog } from "./mapping-form-dialog";
import { MappingsTable } from "./mappings-table";

type FormTarget = { mapping: MappingRow | null } | null;

/**
 * The product mappings: filters kept in the URL, the table, and for admins create, edit, delete
 * and CSV import. Every role can export.
 */
export function MappingsList() {
  const router = useRouter();
  const pathname = usePathname();
  const filters = parseMappingFilters(useSearchParams());
  const mappings = useMappings(filters);
  const editable = useCurrentUser().data?.role === "ADMIN";
  const [formTarget, setFormTarget] = useState<FormTarget>(null);
  const [deleting, setDeleting] = useState<MappingRow | null>(null);
  const [importing, setImporting] = useState(false);

  function navigate(next: MappingFilters) {
    const search = mappingFiltersToSearch(next);
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  }

  const filtered = filters.q !== undefined || filters.enabled !== undefined;
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
      <MappingFiltersForm filters={filters} onChange={navigate} />
      {mappings.isPending ? (
        <TableSkeleton label="Loading product mappings" />
      ) : mappings.isError ? (
        <ErrorState title="The mappings could not be loaded" message={errorMessage(mappings.error)} onRetry={() => void mappings.refetch()} />
      ) : mappings.data.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No mappings match" hint="Try another id, or show all mappings." />
        ) : (
          <EmptyState title="No product mappings yet" hint={editable ? "Create one, or import a CSV file, to start selling a G2A product." : "An admin creates them."} />
        )
      ) : (
        <>
          <MappingsTable mappings={mappings.data.items} editable={editable} onEdit={(mapping) => setFormTarget({ mapping })} onDelete={setDeleting} />
          <Pagination page={mappings.data.page} pageSize={MAPPINGS_PAGE_SIZE} total={mappings.data.total} onPage={(page) => navigate({ ...filters, page })} noun={["mapping", "mappings"]} />
        </>
      )}
      {editable && (
        <>
          <MappingFormDialog open={formTarget !== null} mapping={formTarget?.mapping ?? null} onClose={() => setFormTarget(null)} />
          <DeleteMappingDialog mapping={deleting} onClose={() => setDeleting(null)} />
          <ImportDialog open={importing} onClose={() => setImporting(false)} />
        </>
      )}
    </div>
  );
}
