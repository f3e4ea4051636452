import { formatEuros } from "@/lib/g2a/money";

/** A margin on top of the floor: an amount, or basis points of the floor (1000 = 10 %) rounded up to the cent. */
export type TargetMarginStrategy =
  { kind: "TARGET_MARGIN"; marginCents: bigint } | { kind: "TARGET_MARGIN"; basisPoints: number };

export type PricingStrategy =
  | { kind: "FIXED"; priceCents: bigint }
  | TargetMarginStrategy
  | {
      kind: "FOLLOW_COMPETITION";
      /** Never list above this while following; null for no maximum. */
      maxPriceCents: bigint | null;
      /** Used when there is no competitor and no maximum. */
      fallback: TargetMarginStrategy;
    };

/** Another offer for the same G2A product. */
export type Competitor = { offerId: string; priceCents: bigint; inStock: boolean; sellerName: string | null };

/** G2A's per-product price limits; null where G2A gave none. */
export type PriceLimits = { minCents: bigint | null; maxCents: bigint | null };

export type TargetPriceInput = {
  floorCents: bigint;
  strategy: PricingStrategy;
  competitors: readonly Competitor[];
  /** Our own offers' ids: never counted as competition. */
  ownOfferIds: Iterable<string>;
  limits: PriceLimits;
};

export type TargetPrice =
  | {
      kind: "list";
      priceCents: bigint;
      /** How the price was reached, in words for the operator. */
      basis: string;
      /** The cheapest competitor in stock that is not ours, if any. */
      competitor: { priceCents: bigint; sellerName: string | null } | null;
      /** Our rank by price among the competitors in stock (1 = cheapest); null with no competitor. */
      position: number | null;
    }
  | { kind: "uneconomic"; reason: string };

const eur = (cents: bigint) => `€${formatEuros(cents)}`;

/** Basis points as a percentage: 1000 → "10 %", 1250 → "12.5 %". */
function percent(basisPoints: number): string {
  return `${formatEuros(BigInt(basisPoints)).replace(/\.?0+$/, "")} %`;
}

function withMargin(floorCents: bigint, strategy: TargetMarginStrategy): { priceCents: bigint; basis: string } {
  if ("marginCents" in strategy) {
    return {
      priceCents: floorCents + strategy.marginCents,
      basis: `floor ${eur(floorCents)} + margin ${eur(strategy.marginCents)}`,
    };
  }
  if (!Number.isSafeInteger(strategy.basisPoints)) {
    throw new RangeError(`A margin in basis points must be a whole number, not ${strategy.basisPoints}.`);
  }
  const product = floorCents * BigInt(strategy.basisPoints);
  const marginCents = product >= 0n ? (product + 9_999n) / 10_000n : product / 10_000n;
  return {
    priceCents: floorCents + marginCents,
    basis: `floor ${eur(floorCents)} + margin ${percent(strategy.basisPoints)} (${eur(marginCents)})`,
  };
}

function strategyPrice(
  floorCents: bigint,
  strategy: PricingStrategy,
  cheapest: Competitor | null,
): { priceCents: bigint; basis: string } {
  switch (strategy.kind) {
    case "FIXED":
      return { priceCents: strategy.priceCents, basis: `fixed ${eur(strategy.priceCents)}` };
    case "TARGET_MARGIN":
      return withMargin(floorCents, strategy);
    case "FOLLOW_COMPETITION": {
      const { maxPriceCents } = strategy;
      if (maxPriceCents !== null && maxPriceCents < floorCents) {
        return {
          priceCents: floorCents,
          basis: `our maximum ${eur(maxPriceCents)} is below the floor ${eur(floorCents)}: listed at the floor`,
        };
      }
      if (!cheapest) {
        if (maxPriceCents !== null)
          return { priceCents: maxPriceCents, basis: `no competitor in stock: our maximum ${eur(maxPriceCents)}` };
        const fallback = withMargin(floorCents, strategy.fallback);
        return { priceCents: fallback.priceCents, basis: `no competitor in stock: ${fallback.basis}` };
      }
      const undercut = cheapest.priceCents - 1n;
      const followed = `cheapest competitor ${eur(cheapest.priceCents)} − €0.01`;
      if (undercut < floorCents) {
        return {
          priceCents: floorCents,
          basis: `cheapest competitor ${eur(cheapest.priceCents)} is not above the floor: listed at the floor ${eur(floorCents)}`,
        };
      }
      if (maxPriceCents !== null && undercut > maxPriceCents) {
        return { priceCents: maxPriceCents, basis: `${followed}, capped at our maximum ${eur(maxPriceCents)}` };
      }
      return { priceCents: undercut, basis: followed };
    }
  }
}

/**
 * The price to list at (ARCHITECTURE §9): the strategy's price, never below the floor, then
 * clamped to G2A's limits. A floor above G2A's maximum cannot be listed without a loss.
 */
export function targetPrice({ floorCents, strategy, competitors, ownOfferIds, limits }: TargetPriceInput): TargetPrice {
  if (limits.maxCents !== null && floorCents > limits.maxCents) {
    return {
      kind: "uneconomic",
      reason: `the floor ${eur(floorCents)} is above G2A's maximum price ${eur(limits.maxCents)} for this product`,
    };
  }
  // A pass hands the same set to every offer: copying it each time would cost the square of the offers.
  const ours = ownOfferIds instanceof Set ? (ownOfferIds as ReadonlySet<string>) : new Set(ownOfferIds);
  const rivals = competitors.filter((offer) => offer.inStock && !ours.has(offer.offerId));
  const cheapest = rivals.reduce<Competitor | null>(
    (best, offer) => (best === null || offer.priceCents < best.priceCents ? offer : best),
    null,
  );

  let { priceCents, basis } = strategyPrice(floorCents, strategy, cheapest);
  if (priceCents < floorCents) {
    priceCents = floorCents;
    basis += `, raised to the floor ${eur(floorCents)}`;
  }
  if (limits.maxCents !== null && priceCents > limits.maxCents) {
    priceCents = limits.maxCents;
    basis += `, clamped to G2A's maximum ${eur(limits.maxCents)}`;
  } else if (limits.minCents !== null && priceCents < limits.minCents) {
    priceCents = limits.minCents;
    basis += `, raised to G2A's minimum ${eur(limits.minCents)}`;
  }

  return {
    kind: "list",
    priceCents,
    basis,
    competitor: cheapest && { priceCents: cheapest.priceCents, sellerName: cheapest.sellerName },
    position: cheapest && 1 + rivals.filter((offer) => offer.priceCents < priceCents).length,
  };
}

/**
 * Whether a new price is worth a price change on G2A: always when nothing is listed yet or the
 * listed price is below the floor (never stay below cost); otherwise only for a move of at least
 * `stepCents`, so small competitor moves do not spend the product's price-change budget.
 */
export function priceChangeWorthSending({
  currentCents,
  targetCents,
  floorCents,
  stepCents,
}: {
  currentCents: bigint | null;
  targetCents: bigint;
  floorCents: bigint;
  stepCents: bigint;
}): boolean {
  if (currentCents === null || currentCents < floorCents) return true;
  if (targetCents === currentCents) return false;
  const change = targetCents > currentCents ? targetCents - currentCents : currentCents - targetCents;
  return change >= stepCents;
}
