import type { ReactNode } from "react";

/** Class of a body cell; tables add alignment or type size as they need. */
export const cellStyles = "px-3 py-2.5 align-top";

export type Column = { label: string; align?: "left" | "right" };

/**
 * The dashboard's table: a scrolling frame (phones scroll sideways inside it, never the page),
 * a header from `columns`, and the rows the caller renders.
 */
export function DataTable({
  columns,
  caption,
  children,
}: {
  columns: readonly Column[];
  caption?: string;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50">
          <tr>
            {columns.map((column) => (
              <th
                key={column.label}
                scope="col"
                className={`px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600 ${column.align === "right" ? "text-right" : "text-left"}`}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
