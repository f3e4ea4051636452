import { formatEur } from "./format";
import { RevealKeyButton } from "./reveal-key-button";
import type { OrderItem } from "./types";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const td = "px-3 py-3 align-top";

/** The order's lines: quantity, G2A's price, CWS's cost, our margin, and each delivered key (masked). */
export function OrderItemsTable({ orderId, items, canReveal }: { orderId: string; items: OrderItem[]; canReveal: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              Product (G2A / CWS)
            </th>
            <th scope="col" className={`${th} text-right`}>
              Qty
            </th>
            <th scope="col" className={`${th} text-right`}>
              G2A unit price
            </th>
            <th scope="col" className={`${th} text-right`}>
              CWS unit cost
            </th>
            <th scope="col" className={`${th} text-right`}>
              Margin / unit
            </th>
            <th scope="col" className={th}>
              Keys
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => (
            <tr key={item.id}>
              <td className={td}>
                <div>{item.g2aProductId}</div>
                <div className="font-mono text-xs text-slate-500">{item.cwsProductId}</div>
              </td>
              <td className={`${td} text-right tabular-nums`}>{item.quantity}</td>
              <td className={`${td} text-right tabular-nums`}>{formatEur(item.unitPriceCents)}</td>
              <td className={`${td} text-right tabular-nums`}>
                {formatEur(item.unitCostCents)}
                {!item.costIsFinal && <div className="text-xs text-slate-500">quoted</div>}
              </td>
              <td className={`${td} text-right tabular-nums`}>{formatEur(item.marginCents)}</td>
              <td className={td}>
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
        </tbody>
      </table>
    </div>
  );
}
