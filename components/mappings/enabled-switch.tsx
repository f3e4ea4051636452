"use client";

import { errorMessage } from "@/components/api/fetch-json";
import { useToast } from "@/components/ui/toast";
import type { MappingRow } from "@/lib/admin/mapping-schema";
import { useUpdateMapping } from "./api";

/** ADMIN: turns selling of one G2A product on or off at once (G2A's next reservation sees it). */
export function EnabledSwitch({ mapping }: { mapping: MappingRow }) {
  const update = useUpdateMapping();
  const { showToast } = useToast();
  const next = !mapping.enabled;

  function toggle() {
    update.mutate(
      { id: mapping.id, changes: { enabled: next } },
      { onSuccess: () => showToast(`G2A product ${mapping.g2aProductId} ${next ? "enabled" : "disabled"}`) },
    );
  }

  return (
    <div>
      <button
        type="button"
        role="switch"
        aria-checked={mapping.enabled}
        aria-label={`Enabled: G2A product ${mapping.g2aProductId}`}
        disabled={update.isPending}
        onClick={toggle}
        className="inline-flex items-center gap-2 rounded-md p-1 text-sm focus:outline-none focus:ring-2 focus:ring-brand-500 disabled:opacity-60"
      >
        <span
          aria-hidden
          className={`relative inline-flex h-5 w-9 shrink-0 rounded-full transition-colors ${mapping.enabled ? "bg-brand-600" : "bg-slate-300"}`}
        >
          <span
            className={`absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition-transform ${mapping.enabled ? "translate-x-4" : "translate-x-0.5"}`}
          />
        </span>
        <span>{mapping.enabled ? "Enabled" : "Disabled"}</span>
      </button>
      {update.isError && (
        <p role="alert" className="mt-1 max-w-48 text-xs text-red-700">
          Not changed: {errorMessage(update.error)}
        </p>
      )}
    </div>
  );
}
