import { Pencil, Trash2 } from "lucide-react";
import { buttonStyles } from "@/components/ui/button-styles";
import { cellStyles, DataTable, type Column } from "@/components/ui/data-table";
import type { MappingRow } from "@/lib/admin/mapping-schema";
import { EnabledSwitch } from "./enabled-switch";
import { formatMaxUnitCost, formatMinMargin } from "./format";

const COLUMNS: readonly Column[] = [
  { label: "G2A product" },
  { label: "CWS product" },
  { label: "Enabled" },
  { label: "Min margin", align: "right" },
  { label: "Max unit cost", align: "right" },
  { label: "Pre-order" },
];
const ADMIN_COLUMNS: readonly Column[] = [...COLUMNS, { label: "Actions", align: "right" }];

type MappingsTableProps = {
  mappings: MappingRow[];
  /** ADMIN: the enabled switch and the edit and delete actions; otherwise the table is read-only. */
  editable: boolean;
  onEdit: (mapping: MappingRow) => void;
  onDelete: (mapping: MappingRow) => void;
};

/** What CWS last told us of the product: name, platform and stock, from its snapshot. */
function CwsProductCell({ mapping }: { mapping: MappingRow }) {
  const { cws } = mapping;
  return (
    <>
      {cws?.name ? (
        <div className="font-medium">{cws.name}</div>
      ) : (
        <div className="text-slate-500">{cws ? "Name not known" : "Not read from CWS yet"}</div>
      )}
      {cws && (
        <div className="text-xs text-slate-600">
          {[cws.platform, cws.available ? `stock ${cws.quantity}` : "not sold by CWS now"].filter(Boolean).join(" · ")}
        </div>
      )}
      <div className="font-mono text-xs text-slate-500">{mapping.cwsProductId}</div>
    </>
  );
}

/** One row per mapping, newest first. */
export function MappingsTable({ mappings, editable, onEdit, onDelete }: MappingsTableProps) {
  return (
    <DataTable columns={editable ? ADMIN_COLUMNS : COLUMNS} caption="Product mappings, newest first">
      {mappings.map((mapping) => (
        <tr key={mapping.id} className="hover:bg-slate-50">
          <td className={cellStyles}>
            <div className="font-medium tabular-nums">{mapping.g2aProductId}</div>
            {mapping.note && (
              <div className="max-w-56 truncate text-xs text-slate-500" title={mapping.note}>
                {mapping.note}
              </div>
            )}
          </td>
          <td className={`${cellStyles} min-w-56`}>
            <CwsProductCell mapping={mapping} />
          </td>
          <td className={`${cellStyles} whitespace-nowrap`}>
            {editable ? <EnabledSwitch mapping={mapping} /> : mapping.enabled ? "Enabled" : "Disabled"}
          </td>
          <td className={`${cellStyles} whitespace-nowrap text-right tabular-nums`}>
            {formatMinMargin(mapping.minMarginCents)}
          </td>
          <td className={`${cellStyles} whitespace-nowrap text-right tabular-nums`}>
            {formatMaxUnitCost(mapping.maxUnitCostCents)}
          </td>
          <td className={cellStyles}>{mapping.allowPreOrder ? "Allowed" : "No"}</td>
          {editable && (
            <td className={`${cellStyles} text-right`}>
              <div className="flex justify-end gap-1">
                <button
                  type="button"
                  onClick={() => onEdit(mapping)}
                  className={`${buttonStyles.secondary} px-2 py-1`}
                  aria-label={`Edit the mapping of G2A product ${mapping.g2aProductId}`}
                >
                  <Pencil aria-hidden className="h-4 w-4" />
                </button>
                <button
                  type="button"
                  onClick={() => onDelete(mapping)}
                  className={`${buttonStyles.secondary} px-2 py-1 text-red-700`}
                  aria-label={`Delete the mapping of G2A product ${mapping.g2aProductId}`}
                >
                  <Trash2 aria-hidden className="h-4 w-4" />
                </button>
              </div>
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}
