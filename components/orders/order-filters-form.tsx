"use client";

import { useId } from "react";
import { inputStyles } from "@/components/ui/button-styles";
import { SearchForm } from "@/components/ui/search-form";
import type { OrderFilters } from "./filters";
import { humanize } from "./format";
import { ORDER_STATUSES } from "./types";

type OrderFiltersFormProps = { filters: OrderFilters; onChange: (filters: OrderFilters) => void };

/** Status, creation dates and an exact search; every change starts again from page 1. */
export function OrderFiltersForm({ filters, onChange }: OrderFiltersFormProps) {
  const id = useId();
  const apply = (changes: Partial<OrderFilters>) => onChange({ ...filters, ...changes, page: 1 });

  return (
    <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[10rem_10rem_10rem_1fr]">
      <div>
        <label htmlFor={`${id}-status`} className="block text-sm font-medium">
          Status
        </label>
        <select
          id={`${id}-status`}
          value={filters.status ?? ""}
          onChange={(event) => apply({ status: (event.target.value || undefined) as OrderFilters["status"] })}
          className={`${inputStyles} mt-1`}
        >
          <option value="">All statuses</option>
          {ORDER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {humanize(status)}
            </option>
          ))}
        </select>
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={filters.needsAttention === "true"}
            onChange={(event) => apply({ needsAttention: event.target.checked ? "true" : undefined })}
            className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
          />
          Needs attention only
        </label>
      </div>
      <div>
        <label htmlFor={`${id}-from`} className="block text-sm font-medium">
          From
        </label>
        <input
          id={`${id}-from`}
          type="date"
          value={filters.from ?? ""}
          max={filters.to}
          onChange={(event) => apply({ from: event.target.value || undefined })}
          className={`${inputStyles} mt-1`}
        />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className="block text-sm font-medium">
          To
        </label>
        <input
          id={`${id}-to`}
          type="date"
          value={filters.to ?? ""}
          min={filters.from}
          onChange={(event) => apply({ to: event.target.value || undefined })}
          className={`${inputStyles} mt-1`}
        />
      </div>
      <SearchForm
        label="Search by order id, G2A order id or CWS order id"
        value={filters.q}
        placeholder="Exact id"
        onSearch={(q) => apply({ q })}
        className="sm:col-span-2 lg:col-span-1"
      />
    </div>
  );
}
