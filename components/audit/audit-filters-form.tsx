"use client";

import { Filter, X } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { checkForm, type FieldErrors } from "@/components/settings/field-errors";
import { buttonStyles } from "@/components/ui/button-styles";
import { TextField } from "@/components/ui/text-field";
import { auditFiltersSchema, type AuditFilters } from "@/lib/admin/audit-log-schema";

const FIELDS = ["action", "actor", "target", "from", "to"] as const;

/** Suggestions for the action field: whole families and the single actions staff look for most. */
const ACTION_SUGGESTIONS = ["order.*", "key.reveal", "user.*", "g2a_credentials.*", "selling.*"] as const;

type AuditFiltersFormProps = { filters: AuditFilters; onApply: (filters: AuditFilters) => void };

/** Action, actor, target and dates, checked with the API's own rules before they go into the URL. */
export function AuditFiltersForm({ filters, onApply }: AuditFiltersFormProps) {
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const active = FIELDS.some((field) => filters[field]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const checked = checkForm(
      auditFiltersSchema,
      Object.fromEntries(FIELDS.map((field) => [field, form.get(field) ?? ""])),
    );
    setErrors(checked.errors);
    if (checked.data) onApply(checked.data);
  }

  function clear() {
    setErrors(null);
    onApply({});
  }

  const error = (field: (typeof FIELDS)[number]) => errors?.[field]?.[0];
  return (
    // Keyed on the applied filters so Back/Forward and Clear show what the URL holds.
    <form
      key={JSON.stringify(filters)}
      role="search"
      aria-label="Filter the audit log"
      onSubmit={submit}
      noValidate
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
    >
      <div>
        <TextField
          id={`${id}-action`}
          name="action"
          label="Action"
          list={`${id}-actions`}
          placeholder="user.* or user.create"
          defaultValue={filters.action ?? ""}
          error={error("action")}
        />
        <datalist id={`${id}-actions`}>
          {ACTION_SUGGESTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
      </div>
      <TextField
        id={`${id}-actor`}
        name="actor"
        label="Actor e-mail"
        placeholder="part of an e-mail"
        defaultValue={filters.actor ?? ""}
        error={error("actor")}
      />
      <TextField
        id={`${id}-target`}
        name="target"
        label="Target id"
        placeholder="exact id"
        defaultValue={filters.target ?? ""}
        error={error("target")}
      />
      <TextField
        id={`${id}-from`}
        name="from"
        type="date"
        label="From"
        defaultValue={filters.from ?? ""}
        error={error("from")}
      />
      <TextField id={`${id}-to`} name="to" type="date" label="To" defaultValue={filters.to ?? ""} error={error("to")} />
      <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-5">
        <button type="submit" className={buttonStyles.primary}>
          <Filter aria-hidden className="h-4 w-4" />
          Apply filters
        </button>
        {active && (
          <button type="button" onClick={clear} className={buttonStyles.secondary}>
            <X aria-hidden className="h-4 w-4" />
            Clear
          </button>
        )}
      </div>
    </form>
  );
}
