import type { AlertType } from "@/lib/alerts";
import { toAmount, unitPriceCents, type CwsOrderRequest } from "@/lib/cws";
import { formatEuros } from "@/lib/g2a/money";
import type { PurchaseLimits } from "@/lib/mappings/store";
import { purchaseCeilingCents } from "@/lib/pricing";
import { reading } from "@/lib/stores";
import type { FulfillmentDeps } from "./deps";
import { mergeLines } from "./order-codes";

type Item = {
  g2aProductId: string;
  cwsProductId: string;
  quantity: number;
  unitPriceCents: bigint | null;
  minMarginCents: bigint;
};

export type PriceGuardResult =
  | { kind: "ok"; request: CwsOrderRequest }
  /** Nothing may be bought: the order fails with this reason. */
  | { kind: "refuse"; reason: string; alertKind: AlertType }
  /** The price could not be read now: leave the order as it is and try again later (ARCHITECTURE §8.4). */
  | { kind: "later"; reason: string };

/**
 * The most one unit of a line may cost (ARCHITECTURE §8.3, §9): what the sale brings us minus the
 * margin (G2A's unit_price, else the simulated income of the price our offer lists), and never more
 * than the mapping's maximum unit cost, or MAX_UNIT_COST_EUR when it sets none.
 */
function ceilingOf(
  item: Item,
  limits: PurchaseLimits | undefined,
  maxUnitCostCents: bigint,
): { cents: bigint; why: string } {
  const cap = limits?.maxUnitCostCents ?? maxUnitCostCents;
  const capWhy = limits?.maxUnitCostCents != null ? "the mapping's maximum unit cost" : "MAX_UNIT_COST_EUR";
  const income =
    item.unitPriceCents !== null
      ? { cents: item.unitPriceCents, what: "G2A's unit price" }
      : limits?.listedIncomeCents != null
        ? { cents: limits.listedIncomeCents, what: "the income of our listed price" }
        : null;
  if (income) {
    const fromIncome = purchaseCeilingCents(income.cents, item.minMarginCents);
    if (fromIncome < cap) return { cents: fromIncome, why: `${income.what} minus the margin` };
  }
  return { cents: cap, why: capWhy };
}

/**
 * The check before every purchase attempt (codeswholesale-v3.md §11.8, ARCHITECTURE §8.3): current
 * tier price for each merged line, against the lowest ceiling of its lines (ceilingOf); the price
 * sent is the current tier price.
 */
export async function guardPrice(
  deps: FulfillmentDeps,
  orderId: string,
  items: readonly Item[],
  options: { forceLiveRead?: boolean } = {},
): Promise<PriceGuardResult> {
  const { config } = deps;
  const merged = mergeLines(items);
  const ids = merged.map((line) => line.cwsProductId);
  const { snapshots, unavailable } = await deps.stock.read(ids, {
    maxAgeMs: options.forceLiveRead ? 0 : config.stockMaxAgeMs,
    fallbackMaxAgeMs: options.forceLiveRead ? 0 : config.stockMaxAgeMs,
    timeoutMs: config.cwsTimeoutMs,
    maxRetries: config.cwsGetMaxRetries,
  });
  if (unavailable.length > 0) return { kind: "later", reason: "the current CWS price could not be read" };

  const mappingOf = await reading(deps.db, (stores) =>
    stores.mappings.purchaseLimits(items.map((item) => item.g2aProductId)),
  );
  const products: CwsOrderRequest["products"] = [];
  for (const line of merged) {
    const snapshot = snapshots.get(line.cwsProductId)!;
    const names = line.lines.map((item) => `G2A product ${item.g2aProductId}`).join(", ");
    if (!snapshot.available)
      return {
        kind: "refuse",
        reason: `CWS no longer sells ${names}: check its product mapping`,
        alertKind: "product-gone",
      };
    const cost = unitPriceCents(snapshot.tiers, line.quantity);
    if (cost === null)
      return {
        kind: "refuse",
        reason: `CWS has no price for ${line.quantity} units of ${names}`,
        alertKind: "price-above-ceiling",
      };

    const ceiling = line.lines
      .map((item) => ceilingOf(item, mappingOf.get(item.g2aProductId), config.maxUnitCostCents))
      .reduce((low, next) => (next.cents < low.cents ? next : low));
    if (cost > ceiling.cents) {
      return {
        kind: "refuse",
        reason: `Price above ceiling: CWS now asks €${formatEuros(cost)} per unit for ${names}, the most we may pay is €${formatEuros(ceiling.cents)} (${ceiling.why}). Nothing was bought.`,
        alertKind: "price-above-ceiling",
      };
    }
    products.push({ productId: line.cwsProductId, quantity: line.quantity, price: toAmount(cost) });
  }
  const allowPreOrder = items.every((item) => mappingOf.get(item.g2aProductId)?.allowPreOrder === true);
  deps.log.debug({ orderId, lines: products.length }, "price guard passed");
  return { kind: "ok", request: { allowPreOrder, orderId, products } };
}
