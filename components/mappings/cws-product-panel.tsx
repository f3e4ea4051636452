"use client";

import { AlertTriangle, Loader2, RotateCw, SearchX } from "lucide-react";
import { ApiError, errorMessage } from "@/components/api/fetch-json";
import { formatDateTime, formatEur } from "@/components/orders/format";
import { buttonStyles } from "@/components/ui/button-styles";
import { cwsProductIdSchema, type CwsProductLookup } from "@/lib/admin/mapping-schema";
import { useCwsProduct } from "./api";
import { formatTierRange } from "./format";
import { useDebouncedValue } from "./use-debounced-value";

const LOOKUP_DELAY_MS = 400;

function ProductDetails({ product }: { product: CwsProductLookup }) {
  const preOrder = product.releaseDate !== null && new Date(product.releaseDate) > new Date();
  return (
    <div className="space-y-2">
      <div>
        <p className="font-medium">{product.name}</p>
        <p className="text-xs text-slate-600">{[product.identifier, product.platform].filter(Boolean).join(" · ")}</p>
      </div>
      <p>{product.quantity > 0 ? `In stock: ${product.quantity}` : "Out of stock at CWS"}</p>
      {preOrder && (
        <p className="text-amber-800">
          Pre-order: released {formatDateTime(product.releaseDate)}. Allow pre-orders to sell it before then.
        </p>
      )}
      {product.priceTiers.length > 0 ? (
        <table className="w-full text-left text-xs">
          <caption className="sr-only">CWS price per unit by quantity</caption>
          <thead>
            <tr className="text-slate-600">
              <th scope="col" className="py-0.5 font-medium">
                Quantity
              </th>
              <th scope="col" className="py-0.5 text-right font-medium">
                Price per unit
              </th>
            </tr>
          </thead>
          <tbody>
            {product.priceTiers.map((tier) => (
              <tr key={tier.from}>
                <td className="py-0.5">{formatTierRange(tier.from, tier.to)}</td>
                <td className="py-0.5 text-right tabular-nums">{formatEur(tier.priceCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>CWS lists no price for it.</p>
      )}
    </div>
  );
}

/**
 * While the CWS product id is typed: the product as CodesWholesale has it now (name, platform,
 * stock, price tiers), or why it cannot be shown, in words.
 */
export function CwsProductPanel({ productId }: { productId: string }) {
  const settled = useDebouncedValue(productId.trim(), LOOKUP_DELAY_MS);
  const parsed = cwsProductIdSchema.safeParse(settled);
  const lookup = useCwsProduct(parsed.success ? parsed.data : null);

  let content: React.ReactNode;
  if (!parsed.success) {
    content = (
      <p className="text-slate-600">Paste the product id from CodesWholesale to see its name, stock and prices.</p>
    );
  } else if (lookup.isPending) {
    content = (
      <p className="flex items-center gap-2 text-slate-600">
        <Loader2 aria-hidden className="h-4 w-4 animate-spin" />
        Looking the product up at CodesWholesale…
      </p>
    );
  } else if (lookup.isError) {
    const status = lookup.error instanceof ApiError ? lookup.error.status : 0;
    const notFound = status === 404;
    const cwsDown = status === 502 || status === 503;
    content = notFound ? (
      <p className="flex items-center gap-2 text-amber-800">
        <SearchX aria-hidden className="h-4 w-4 shrink-0" />
        Not found: CodesWholesale has no product with this id.
      </p>
    ) : (
      <div className="space-y-2 text-red-800">
        <p className="flex items-start gap-2">
          <AlertTriangle aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          <span>
            {cwsDown ? "CWS unavailable" : "The lookup failed"}: {errorMessage(lookup.error)}
          </span>
        </p>
        <button
          type="button"
          onClick={() => void lookup.refetch()}
          className={`${buttonStyles.secondary} px-2 py-1 text-xs`}
        >
          <RotateCw aria-hidden className="h-3.5 w-3.5" />
          Look up again
        </button>
      </div>
    );
  } else {
    content = <ProductDetails product={lookup.data} />;
  }

  return (
    <section
      aria-label="CWS product"
      aria-live="polite"
      className="mt-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
    >
      {content}
    </section>
  );
}
