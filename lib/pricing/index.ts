export { coversCost, minimumIncomeCents, purchaseCeilingCents } from "./rule";
export {
  DEFAULT_MAX_FLOOR_CALLS,
  defaultMaxPriceCents,
  FloorNotFoundError,
  findFloorPrice,
  type FloorNotFoundReason,
  type FloorPrice,
  type FloorSearchOptions,
  type PricePoint,
  type SimulateIncome,
} from "./floor";
export {
  priceChangeWorthSending,
  targetPrice,
  type Competitor,
  type PriceLimits,
  type PricingStrategy,
  type TargetMarginStrategy,
  type TargetPrice,
  type TargetPriceInput,
} from "./strategy";
