import { unitPriceCents } from "@/lib/cws";
import type { G2aCompetitorOffer } from "@/lib/g2a-api";
import { formatEuros } from "@/lib/g2a/money";
import {
  FloorNotFoundError,
  findFloorPrice,
  minimumIncomeCents,
  targetPrice,
  type Competitor,
  type PricingStrategy,
  type TargetMarginStrategy,
} from "@/lib/pricing";
import { declareStock, type StockDecision } from "./declared-stock";
import type { PricingDefaults } from "./defaults";
import type { OfferDeps } from "./deps";
import { simulateIncome, simulationHint } from "./simulations";
import type { OfferInput, OfferMapping, OfferState } from "./store";

/** What one pass knows beyond each offer: the switches, the balance, the defaults, our offers. */
export type PassContext = {
  sellingPaused: boolean;
  /** What the CWS account can spend, as the last balance check read it; null before the first. */
  balanceCents: bigint | null;
  defaults: PricingDefaults;
  /** Every offer id of ours, so that competitors never include us. */
  ownOfferIds: Set<string>;
  /** Units our reservations and unbought orders hold, by CWS product. */
  heldUnits: Map<string, number>;
};

/** The price and stock the rules want for one offer now, with how they got there. */
export type OfferPlan = {
  costCents: bigint | null;
  marginCents: bigint;
  floorCents: bigint | null;
  /** The listed price wanted, its income, and why it is that price; null when no price can be listed. */
  target: { priceCents: bigint; incomeCents: bigint; basis: string } | null;
  stock: StockDecision;
  competitor: { priceCents: bigint; sellerName: string | null } | null;
  position: number | null;
  competitorsAt: Date | null;
  /** The simulation to price any other listed price with (cached per product and price). */
  simulate: (priceCents: bigint) => Promise<bigint>;
};

function targetMargin(marginCents: bigint | null, basisPoints: number | null): TargetMarginStrategy | null {
  if (marginCents !== null) return { kind: "TARGET_MARGIN", marginCents };
  if (basisPoints !== null) return { kind: "TARGET_MARGIN", basisPoints };
  return null;
}

/** The mapping's strategy, its unset parts taken from the defaults. FIXED without a price prices by margin. */
export function strategyOf(mapping: OfferMapping, defaults: PricingDefaults): PricingStrategy {
  const margin =
    targetMargin(mapping.targetMarginCents, mapping.targetMarginBasisPoints) ??
    targetMargin(defaults.targetMarginCents, defaults.targetMarginBasisPoints) ??
    ({ kind: "TARGET_MARGIN", marginCents: 0n } satisfies TargetMarginStrategy);
  switch (mapping.pricingStrategy ?? defaults.strategy) {
    case "FIXED":
      return mapping.fixedPriceCents !== null ? { kind: "FIXED", priceCents: mapping.fixedPriceCents } : margin;
    case "FOLLOW_COMPETITION":
      return {
        kind: "FOLLOW_COMPETITION",
        maxPriceCents: mapping.maxPriceCents ?? defaults.maxPriceCents,
        fallback: margin,
      };
    default:
      return margin;
  }
}

function competitorsOf(offers: readonly G2aCompetitorOffer[]): Competitor[] {
  return offers.flatMap((offer) =>
    offer.priceCents === null
      ? []
      : [{ offerId: offer.id, priceCents: offer.priceCents, inStock: offer.inStock, sellerName: offer.sellerName }],
  );
}

/**
 * The competition for a product, read again when older than the configured age; between reads the
 * cheapest competitor kept on the state stands in for it.
 */
async function competition(
  deps: OfferDeps,
  context: PassContext,
  input: OfferInput,
): Promise<{ competitors: Competitor[]; at: Date | null }> {
  const { state, mapping } = input;
  const now = deps.now();
  if (state.competitorsAt && now.getTime() - state.competitorsAt.getTime() < deps.config.competitorMaxAgeMs) {
    const kept: Competitor[] =
      state.competitorPriceCents === null
        ? []
        : [{ offerId: "", priceCents: state.competitorPriceCents, inStock: true, sellerName: state.competitorName }];
    return { competitors: kept, at: state.competitorsAt };
  }
  const client = await deps.client();
  const offers = await client.competitorOffers(mapping.g2aProductId, {
    ownOfferIds: context.ownOfferIds,
    timeoutMs: deps.config.callTimeoutMs,
    maxRetries: deps.config.callMaxRetries,
  });
  return { competitors: competitorsOf(offers.filter((offer) => !offer.own)), at: now };
}

/** The rules for one offer: CWS's cost, the floor, the strategy's price within G2A's limits, and the stock. */
export async function planOffer(deps: OfferDeps, context: PassContext, input: OfferInput): Promise<OfferPlan> {
  const { mapping, snapshot, state } = input;
  const now = deps.now();
  const marginCents = mapping.minMarginCents ?? deps.config.defaultMinMarginCents;
  const costCents = snapshot?.available ? unitPriceCents(snapshot.tiers, 1) : null;
  const simulate = simulateIncome(deps, mapping.g2aProductId);
  let floorCents: bigint | null = null;
  let target: OfferPlan["target"] = null;
  let uneconomic: string | null = null;
  let competitor: OfferPlan["competitor"] = null;
  let position: number | null = null;
  let competitorsAt: Date | null = state.competitorsAt;

  if (costCents !== null) {
    try {
      const hint = await simulationHint(deps, mapping.g2aProductId);
      const floor = await findFloorPrice(minimumIncomeCents(costCents, marginCents), simulate, {
        hint: hint ?? undefined,
      });
      floorCents = floor.floorCents;
      const strategy = strategyOf(mapping, context.defaults);
      const market =
        strategy.kind === "FOLLOW_COMPETITION"
          ? await competition(deps, context, input)
          : { competitors: [], at: state.competitorsAt };
      competitorsAt = market.at;
      const decided = targetPrice({
        floorCents: floor.floorCents,
        strategy,
        competitors: market.competitors,
        ownOfferIds: context.ownOfferIds,
        limits: { minCents: state.priceMinCents, maxCents: state.priceMaxCents },
      });
      if (decided.kind === "uneconomic") {
        uneconomic = `uneconomic: ${decided.reason}`;
      } else {
        const incomeCents =
          decided.priceCents === floor.floorCents ? floor.incomeCents : await simulate(decided.priceCents);
        target = { priceCents: decided.priceCents, incomeCents, basis: decided.basis };
        competitor = decided.competitor;
        position = decided.position;
      }
    } catch (error) {
      if (!(error instanceof FloorNotFoundError)) throw error;
      uneconomic = `uneconomic: no listed price brings €${formatEuros(minimumIncomeCents(costCents, marginCents))} (${error.message})`;
    }
  }

  const stock = declareStock({
    mappingEnabled: mapping.enabled,
    sellingPaused: context.sellingPaused,
    pausedByStaff: state.pausedByStaffAt !== null,
    allowPreOrder: mapping.allowPreOrder,
    snapshot,
    heldUnits: context.heldUnits.get(mapping.cwsProductId) ?? 0,
    maxDeclared: mapping.maxDeclaredStock ?? deps.config.maxDeclaredStock,
    balanceCents: context.balanceCents,
    unitCostCents: costCents,
    uneconomic,
    now,
  });
  return { costCents, marginCents, floorCents, target, stock, competitor, position, competitorsAt, simulate };
}

/** Keeps what the plan computed on the state (the dashboard shows it). */
export function recordPlan(state: OfferState, plan: OfferPlan): void {
  state.costCents = plan.costCents;
  state.floorCents = plan.floorCents;
  state.targetPriceCents = plan.target?.priceCents ?? null;
  state.targetSize = plan.stock.size;
  state.targetActive = plan.stock.active;
  state.stopReason = plan.stock.stopReason;
  if (plan.competitorsAt !== state.competitorsAt) {
    state.competitorPriceCents = plan.competitor?.priceCents ?? null;
    state.competitorName = plan.competitor?.sellerName ?? null;
    state.competitorsAt = plan.competitorsAt;
  }
  if (plan.position !== null) state.position = plan.position;
}
