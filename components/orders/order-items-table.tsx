import { cellStyles, DataTable, type Column } from "@/components/ui/data-table";
import { formatEur } from "./format";
import { RevealKeyButton } from "./reveal-key-button";
import type { OrderItem } from "./types";

const COLUMNS: readonly Column[] = [
  { label: "Product (G2A / CWS)" },
  { label: "Qty", align: "right" },
  { label: "G2A unit price", align: "right" },
  { label: "CWS unit cost", align: "right" },
  { label: "Margin / unit", align: "right" },
  { label: "Keys" },
];

/** The order's lines: quantity, G2A's price, CWS's cost, our margin, and each delivered key (masked). */
export function OrderItemsTable({
  orderId,
  items,
  canReveal,
}: {
  orderId: string;
  items: OrderItem[];
  canReveal: boolean;
}) {
  return (
    <DataTable columns={COLUMNS}>
      {items.map((item) => (
        <tr key={item.id}>
          <td className={cellStyles}>
            <div>{item.g2aProductId}</div>
            <div className="font-mono text-xs text-slate-500">{item.cwsProductId}</div>
          </td>
          <td className={`${cellStyles} text-right tabular-nums`}>{item.quantity}</td>
          <td className={`${cellStyles} text-right tabular-nums`}>{formatEur(item.unitPriceCents)}</td>
          <td className={`${cellStyles} text-right tabular-nums`}>
            {formatEur(item.unitCostCents)}
            {!item.costIsFinal && <div className="text-xs text-slate-500">quoted</div>}
          </td>
          <td className={`${cellStyles} text-right tabular-nums`}>{formatEur(item.marginCents)}</td>
          <td className={cellStyles}>
            {item.keys.length === 0 ? (
              <span className="text-slate-500">None yet</span>
            ) : (
              <ul className="space-y-1">
                {item.keys.map((key) => (
                  <li key={key.id} className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-xs">{key.masked}</span>
                    {key.status === "RETURNED" && <span className="text-xs text-slate-500">returned</span>}
                    {canReveal && <RevealKeyButton orderId={orderId} keyId={key.id} />}
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
