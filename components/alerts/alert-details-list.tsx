import { LabelledValue } from "@/components/ui/labelled-value";
import type { AlertDetail } from "@/lib/admin/alert-schema";
import { detailLabel, detailValue } from "./format";

/** The facts recorded with the alert (ids, amounts), each labelled; never a key or a secret, the server keeps those out. */
export function AlertDetailsList({ details }: { details: AlertDetail["details"] }) {
  const entries = details ? Object.entries(details) : [];
  if (entries.length === 0) return <p className="text-sm text-slate-600">No details were recorded with this alert.</p>;
  return (
    <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
      {entries.map(([key, value]) => (
        <LabelledValue key={key} label={detailLabel(key)}>
          <span className={typeof value === "string" || typeof value === "number" ? "" : "font-mono text-xs"}>
            {detailValue(value)}
          </span>
        </LabelledValue>
      ))}
    </dl>
  );
}
