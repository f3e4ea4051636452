"use client";

import { useId } from "react";
import { inputStyles } from "@/components/ui/button-styles";
import type { AlertPage } from "@/lib/admin/alert-schema";
import type { AlertFilters } from "./filters";
import { SEVERITIES, SEVERITY_LABELS } from "./format";

type AlertFiltersFormProps = {
  filters: AlertFilters;
  /** The alert types with their titles, as the API lists them; none until the first page is loaded. */
  types: AlertPage["types"] | undefined;
  /** Only the filter that changed: the other keeps its value, even one changed a moment before. */
  onChange: (changes: Partial<Pick<AlertFilters, "type" | "severity">>) => void;
};

/** Which type and severity of alerts to show; each change goes back to page 1. */
export function AlertFiltersForm({ filters, types, onChange }: AlertFiltersFormProps) {
  const id = useId();
  return (
    <div className="grid gap-3 sm:grid-cols-[minmax(0,20rem)_12rem]">
      <div>
        <label htmlFor={`${id}-type`} className="block text-sm font-medium">
          Type
        </label>
        <select
          id={`${id}-type`}
          value={filters.type ?? ""}
          onChange={(event) => onChange({ type: (event.target.value || undefined) as AlertFilters["type"] })}
          className={`${inputStyles} mt-1`}
        >
          <option value="">All types</option>
          {types?.map(({ type, title }) => (
            <option key={type} value={type}>
              {title}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-severity`} className="block text-sm font-medium">
          Severity
        </label>
        <select
          id={`${id}-severity`}
          value={filters.severity ?? ""}
          onChange={(event) => onChange({ severity: (event.target.value || undefined) as AlertFilters["severity"] })}
          className={`${inputStyles} mt-1`}
        >
          <option value="">All severities</option>
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {SEVERITY_LABELS[severity]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
