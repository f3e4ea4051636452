import Link from "next/link";
import { cellStyles, DataTable, type Column } from "@/components/ui/data-table";
import type { OfferRow } from "@/lib/admin/offer-schema";
import { Competitor } from "./competitor";
import { formatEuros } from "./format";
import { LastSync } from "./last-sync";
import { OfferState } from "./offer-state";

const COLUMNS: readonly Column[] = [
  { label: "G2A product" },
  { label: "State" },
  { label: "Listed", align: "right" },
  { label: "G2A income", align: "right" },
  { label: "CWS cost", align: "right" },
  { label: "Margin", align: "right" },
  { label: "Stock", align: "right" },
  { label: "Competitor" },
  { label: "Last sync" },
  { label: "Changes left", align: "right" },
];

const money = `${cellStyles} whitespace-nowrap text-right tabular-nums`;

/** One row per mapping's offer, in mapping order; the product id opens the offer's page. */
export function OffersTable({ offers }: { offers: OfferRow[] }) {
  return (
    <DataTable columns={COLUMNS} caption="G2A offers, one per product mapping">
      {offers.map((offer) => (
        <tr key={offer.mappingId} className="hover:bg-slate-50">
          <td className={cellStyles}>
            <Link
              href={`/offers/${offer.g2aProductId}`}
              className="font-medium tabular-nums text-brand-600 hover:underline focus:outline-none focus:ring-2 focus:ring-brand-500"
            >
              {offer.g2aProductId}
            </Link>
            <div
              className="max-w-28 truncate font-mono text-xs text-slate-500"
              title={`CWS product ${offer.cwsProductId}`}
            >
              {offer.cwsProductId}
            </div>
          </td>
          <td className={cellStyles}>
            <OfferState offer={offer} />
          </td>
          <td className={money}>{formatEuros(offer.listedPrice)}</td>
          <td className={money}>{formatEuros(offer.income)}</td>
          <td className={money}>{formatEuros(offer.cost)}</td>
          <td className={`${money} ${offer.margin?.startsWith("-") ? "text-red-700" : ""}`}>
            {formatEuros(offer.margin)}
          </td>
          <td className={money}>{offer.declaredStock ?? "—"}</td>
          <td className={cellStyles}>
            <Competitor offer={offer} />
          </td>
          <td className={`${cellStyles} min-w-44`}>
            <LastSync offer={offer} />
          </td>
          <td className={money}>{offer.priceChangesLeft}</td>
        </tr>
      ))}
    </DataTable>
  );
}
