"use client";

import { Search } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { z } from "zod";
import { buttonStyles, inputStyles } from "@/components/ui/button-styles";
import { mappingSearchSchema } from "@/lib/admin/mapping-schema";
import type { MappingFilters } from "./filters";

type MappingFiltersFormProps = { filters: MappingFilters; onChange: (filters: MappingFilters) => void };

/** Enabled or disabled only, and an exact search by G2A or CWS product id; every change starts again from page 1. */
export function MappingFiltersForm({ filters, onChange }: MappingFiltersFormProps) {
  const id = useId();
  const [searchError, setSearchError] = useState<string | null>(null);
  const apply = (changes: Partial<MappingFilters>) => onChange({ ...filters, ...changes, page: 1 });

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "");
    const parsed = mappingSearchSchema.safeParse(q);
    if (!parsed.success) {
      setSearchError(z.flattenError(parsed.error).formErrors[0] ?? "Enter an exact id");
      return;
    }
    setSearchError(null);
    apply({ q: q.trim() || undefined });
  }

  return (
    <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[12rem_1fr]">
      <div>
        <label htmlFor={`${id}-enabled`} className="block text-sm font-medium">
          Show
        </label>
        <select
          id={`${id}-enabled`}
          value={filters.enabled ?? ""}
          onChange={(event) => apply({ enabled: (event.target.value || undefined) as MappingFilters["enabled"] })}
          className={`${inputStyles} mt-1`}
        >
          <option value="">All mappings</option>
          <option value="true">Enabled only</option>
          <option value="false">Disabled only</option>
        </select>
      </div>
      <form role="search" onSubmit={search} noValidate>
        <label htmlFor={`${id}-q`} className="block text-sm font-medium">
          Search by G2A product id or CWS product id
        </label>
        <div className="mt-1 flex gap-2">
          {/* Keyed on the URL's value so Back/Forward show what is applied. */}
          <input
            key={filters.q ?? ""}
            id={`${id}-q`}
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            placeholder="Exact id"
            aria-invalid={searchError ? true : undefined}
            aria-describedby={searchError ? `${id}-q-error` : undefined}
            className={`${inputStyles} min-w-0`}
          />
          <button type="submit" className={buttonStyles.primary}>
            <Search aria-hidden className="h-4 w-4" />
            Search
          </button>
        </div>
        {searchError && (
          <p id={`${id}-q-error`} className="mt-1 text-sm text-red-700">
            {searchError}
          </p>
        )}
      </form>
    </div>
  );
}
