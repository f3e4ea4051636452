import { formatEuros } from "@/lib/g2a/money";
import { newBracket, nextStep, ratioCents, record, type NextStep, type PricePoint } from "./floor-bracket";

export type { PricePoint } from "./floor-bracket";

/** G2A's income for one unit listed at a price (its pricing simulation, cached by the caller). */
export type SimulateIncome = (priceCents: bigint) => Promise<bigint>;

export type FloorSearchOptions = {
  /** A known price and income for the product (e.g. from the cache): the first estimate scales it. */
  hint?: PricePoint;
  /** Simulations allowed before giving up; 12 unless set. */
  maxCalls?: number;
  /** The highest price worth trying; defaultMaxPriceCents unless set. */
  maxPriceCents?: bigint;
};

export type FloorPrice = { floorCents: bigint; incomeCents: bigint; calls: number };

export type FloorNotFoundReason = "unreachable" | "too_many_calls";

/** No floor price: the income never reaches the amount, or the search ran out of simulations. */
export class FloorNotFoundError extends Error {
  readonly reason: FloorNotFoundReason;
  readonly requiredIncomeCents: bigint;
  readonly calls: number;

  constructor(reason: FloorNotFoundReason, message: string, details: { requiredIncomeCents: bigint; calls: number }) {
    super(message);
    this.name = "FloorNotFoundError";
    this.reason = reason;
    this.requiredIncomeCents = details.requiredIncomeCents;
    this.calls = details.calls;
  }
}

export const DEFAULT_MAX_FLOOR_CALLS = 12;

/**
 * Past this price no sane fee model still keeps the income short: a fee of more than nine tenths
 * of the price plus €100 is a wrong simulation, not a reason to list at any price.
 */
export function defaultMaxPriceCents(requiredIncomeCents: bigint): bigint {
  return requiredIncomeCents * 10n + 100_00n;
}

/**
 * The smallest two-decimal listed price (at least 1 cent) whose income reaches `requiredIncomeCents`,
 * assuming the income never falls when the price rises (g2a-import-api.md §5.1).
 *
 * Starts from a ratio estimate (the hint's, or else the required income itself as a price),
 * extrapolates until the income is reached, then narrows the bracket between the highest price
 * short of it and the lowest price reaching it, mostly by secant interpolation (floor-bracket.ts).
 * It ends when the two are one cent apart, so the floor is always checked against the cent below.
 * A proportional fee plus a fixed fee with rounding takes 2–4 simulations; no price is simulated twice.
 */
export async function findFloorPrice(
  requiredIncomeCents: bigint,
  simulate: SimulateIncome,
  options: FloorSearchOptions = {},
): Promise<FloorPrice> {
  const required = requiredIncomeCents;
  const maxCalls = options.maxCalls ?? DEFAULT_MAX_FLOOR_CALLS;
  const bound = options.maxPriceCents ?? defaultMaxPriceCents(required);
  const ceiling = bound > 1n ? bound : 1n;
  const { hint } = options;
  const bracket = newBracket(required, hint);
  let calls = 0;
  const failure = (reason: FloorNotFoundReason, message: string) =>
    new FloorNotFoundError(reason, message, { requiredIncomeCents: required, calls });

  const first = (hint && ratioCents(hint, required)) ?? required;
  let step: NextStep = {
    kind: "probe",
    priceCents: first < 1n ? 1n : first > ceiling ? ceiling : first,
    estimated: true,
  };
  while (step.kind === "probe") {
    if (calls >= maxCalls) {
      const { short, enough } = bracket;
      const where =
        short && enough
          ? `: it is above €${formatEuros(short.priceCents)} and at most €${formatEuros(enough.priceCents)}`
          : "";
      throw failure(
        "too_many_calls",
        `No floor price for an income of €${formatEuros(required)} after ${maxCalls} pricing simulations${where}.`,
      );
    }
    calls += 1;
    record(bracket, step, await simulate(step.priceCents));
    step = nextStep(bracket, ceiling);
  }
  if (step.kind === "unreachable") {
    const best = bracket.short!;
    throw failure(
      "unreachable",
      `The income never reaches €${formatEuros(required)}: listed at €${formatEuros(best.priceCents)} it is only €${formatEuros(best.incomeCents)}.`,
    );
  }
  return { floorCents: step.floor.priceCents, incomeCents: step.floor.incomeCents, calls };
}
