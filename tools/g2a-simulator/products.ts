import { DEMO_MAPPINGS, findDemoMapping } from "@/lib/demo/catalogue";
import type { SaleProduct } from "./sale";

/**
 * One product to sell: a demo product keeps its label and expected outcome, any other G2A product id
 * has no expected outcome beyond "keys". `unitPrice` null: the demo price, or none outside the demo.
 */
export function saleProductFor(g2aProductId: string, quantity: number, unitPrice: string | null = null): SaleProduct {
  const demo = findDemoMapping(g2aProductId);
  return {
    g2aProductId,
    label: demo ? `${g2aProductId} ${demo.identifier}` : g2aProductId,
    unitPrice: unitPrice ?? demo?.unitPrice ?? null,
    quantity,
    expected: demo?.outcome ?? null,
  };
}

/**
 * The products to sell, from `--products` (G2A product ids or demo identifiers, comma-separated;
 * all demo products when empty) and `--unit-price` (`id=price` pairs overriding the demo prices).
 * A product outside the demo catalogue has no expected outcome beyond "keys", and no price unless given.
 */
export function resolveProducts(
  list: string | undefined,
  unitPrices: string | undefined,
  quantity: number,
): SaleProduct[] {
  const prices = new Map<string, string>();
  for (const pair of (unitPrices ?? "").split(",").filter(Boolean)) {
    const [product, price] = pair.split("=").map((part) => part.trim());
    if (!product || !price || !/^\d+(\.\d{1,2})?$/.test(price))
      throw new Error(`--unit-price expects product=price pairs such as 10000000000021=15.00, got "${pair}"`);
    prices.set(findDemoMapping(product)?.g2aProductId ?? product, price);
  }
  const wanted = (list ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  const products = wanted.length === 0 ? DEMO_MAPPINGS.map((mapping) => mapping.g2aProductId) : wanted;
  return products.map((product) => {
    const demo = findDemoMapping(product);
    if (!demo && !/^\d{1,20}$/.test(product))
      throw new Error(
        `--products: "${product}" is neither a G2A product id nor a demo product (${DEMO_MAPPINGS.map((mapping) => mapping.identifier).join(", ")})`,
      );
    const g2aProductId = demo?.g2aProductId ?? product;
    return saleProductFor(g2aProductId, quantity, prices.get(g2aProductId) ?? null);
  });
}
