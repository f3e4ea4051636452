/**
 * The state of one floor-price search and the choice of the next price to simulate. Pure: no
 * simulation happens here (floor.ts runs the loop).
 */

/** A listed price and the income G2A gives for it. */
export type PricePoint = { priceCents: bigint; incomeCents: bigint };

type Side = "short" | "enough";

export type Bracket = {
  readonly required: bigint;
  /** The highest price simulated that brings less than required. */
  short: PricePoint | null;
  /** The lowest price simulated that brings at least required. */
  enough: PricePoint | null;
  /** Every point known: the hint and each simulation. */
  readonly known: PricePoint[];
  /** The end the last estimate moved, and how many estimates in a row moved it. */
  moved: { side: Side; times: number } | null;
  /** Estimates in a row that left more than half of the bracket. */
  slowSteps: number;
};

export type Probe = { priceCents: bigint; estimated: boolean };

export type NextStep = ({ kind: "probe" } & Probe) | { kind: "found"; floor: PricePoint } | { kind: "unreachable" };

export function newBracket(required: bigint, hint: PricePoint | undefined): Bracket {
  return { required, short: null, enough: null, known: hint ? [hint] : [], moved: null, slowSteps: 0 };
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const clamp = (value: bigint, low: bigint, high: bigint) => min(max(value, low), high);
const distance = (a: bigint, b: bigint) => (a > b ? a - b : b - a);

/** ⌈a / b⌉ for b > 0 (bigint division truncates toward zero). */
function ceilDiv(a: bigint, b: bigint): bigint {
  return a >= 0n ? (a + b - 1n) / b : a / b;
}

/** a / b to the nearest whole number, for b > 0. */
function nearestDiv(a: bigint, b: bigint): bigint {
  return -ceilDiv(-(2n * a + b), 2n * b);
}

/*
 * Estimates aim at half a cent below the required income: a simulation that rounds to the cent
 * reaches the required income there, so the estimate lands on the floor, not a cent above it.
 */

/** Where the line through two points reaches the required income; null when it does not rise. */
function secantCents(a: PricePoint, b: PricePoint, required: bigint): bigint | null {
  const rise = b.incomeCents - a.incomeCents;
  const run = b.priceCents - a.priceCents;
  if (run === 0n || rise === 0n || rise > 0n !== run > 0n) return null;
  const gap = 2n * (required - a.incomeCents) - 1n;
  return a.priceCents + (rise > 0n ? nearestDiv(gap * run, 2n * rise) : nearestDiv(-gap * run, -2n * rise));
}

/** The price with the same income-to-price ratio as `point`; null when that ratio is not positive. */
export function ratioCents(point: PricePoint, required: bigint): bigint | null {
  if (point.priceCents <= 0n || point.incomeCents <= 0n) return null;
  return nearestDiv((2n * required - 1n) * point.priceCents, 2n * point.incomeCents);
}

/** From one side: extrapolate through the farthest known point (rounding blurs the slope least there), or by ratio. */
function beyond(known: readonly PricePoint[], from: PricePoint, required: bigint): bigint | null {
  const far = known.reduce<PricePoint | null>(
    (best, point) =>
      distance(point.priceCents, from.priceCents) > (best ? distance(best.priceCents, from.priceCents) : 0n)
        ? point
        : best,
    null,
  );
  return (far && secantCents(far, from, required)) ?? ratioCents(from, required);
}

/** The steepest income slope beside the bracket, as a rise over a run, from the widest span known on each side. */
function slopeBeside(known: readonly PricePoint[], short: PricePoint, enough: PricePoint): PricePoint | null {
  const lowest = known.reduce<PricePoint>((low, point) => (point.priceCents < low.priceCents ? point : low), short);
  const highest = known.reduce<PricePoint>(
    (high, point) => (point.priceCents > high.priceCents ? point : high),
    enough,
  );
  const spans = [
    { priceCents: short.priceCents - lowest.priceCents, incomeCents: short.incomeCents - lowest.incomeCents },
    { priceCents: highest.priceCents - enough.priceCents, incomeCents: highest.incomeCents - enough.incomeCents },
  ].filter((span) => span.priceCents > 0n && span.incomeCents > 0n);
  return spans.reduce<PricePoint | null>(
    (steep, span) =>
      !steep || span.incomeCents * steep.priceCents > steep.incomeCents * span.priceCents ? span : steep,
    null,
  );
}

/** How round a price is: its trailing zeros in cents (€10.00 → 3, €10.50 → 1). */
function roundness(priceCents: bigint): number {
  let zeros = 0;
  for (let rest = priceCents; rest > 0n && rest % 10n === 0n; rest /= 10n) zeros += 1;
  return zeros;
}

/** The roundest price strictly between two prices, the one nearest the middle on a tie. */
function roundestBetween(low: bigint, high: bigint): bigint {
  const middle = (low + high) / 2n;
  for (let unit = 10n ** 15n; unit > 1n; unit /= 10n) {
    const first = (low / unit + 1n) * unit;
    if (first < high) return clamp(((middle + unit / 2n) / unit) * unit, first, ((high - 1n) / unit) * unit);
  }
  return middle;
}

/**
 * Inside the bracket, in order:
 * - after three slow steps in a row, bisect;
 * - when the income rises across the bracket far faster than beside it, it jumps inside (a fee
 *   band starting at a round price, say): try the roundest price, or the cent below the upper end
 *   when that end is the roundest;
 * - otherwise the secant of the two ends, and when estimates keep moving the same end, the other
 *   end's distance to the target is halved each time (the Illinois rule) so the estimate crosses
 *   over instead of creeping one cent at a time.
 */
function insideBracket(bracket: Bracket, short: PricePoint, enough: PricePoint): Probe {
  const width = enough.priceCents - short.priceCents;
  if (bracket.slowSteps >= 3) return { priceCents: short.priceCents + width / 2n, estimated: false };

  const beside = slopeBeside(bracket.known, short, enough);
  const rise = enough.incomeCents - short.incomeCents;
  if (beside && rise * beside.priceCents > 2n * (beside.incomeCents * width + beside.priceCents)) {
    const roundest = roundestBetween(short.priceCents, enough.priceCents);
    const jumpAtEnd = roundness(enough.priceCents) > roundness(roundest);
    return { priceCents: jumpAtEnd ? enough.priceCents - 1n : roundest, estimated: false };
  }

  // Distances to half a cent below the required income, in half cents: below < 0 < above.
  const below = 2n * (short.incomeCents - bracket.required) + 1n;
  const above = 2n * (enough.incomeCents - bracket.required) + 1n;
  const { moved } = bracket;
  const halvings = moved && moved.times >= 2 ? BigInt(Math.min(moved.times - 1, 62)) : 0n;
  const [weightShort, weightEnough] = moved?.side === "enough" ? [1n, 1n << halvings] : [1n << halvings, 1n];
  const estimate =
    short.priceCents + nearestDiv(-below * weightShort * width, above * weightEnough - below * weightShort);
  return { priceCents: clamp(estimate, short.priceCents + 1n, enough.priceCents - 1n), estimated: true };
}

/** The next price to simulate, or the floor once the two ends are one cent apart. */
export function nextStep(bracket: Bracket, ceiling: bigint): NextStep {
  const { short, enough, known, required } = bracket;
  if (enough && (enough.priceCents === 1n || (short && enough.priceCents - short.priceCents === 1n))) {
    return { kind: "found", floor: enough };
  }
  if (short && enough) return { kind: "probe", ...insideBracket(bracket, short, enough) };
  if (short) {
    if (short.priceCents >= ceiling) return { kind: "unreachable" };
    const estimate = beyond(known, short, required) ?? short.priceCents * 2n;
    return { kind: "probe", priceCents: clamp(estimate, short.priceCents + 1n, ceiling), estimated: true };
  }
  const above = enough!;
  const estimate = beyond(known, above, required) ?? above.priceCents - 1n;
  return { kind: "probe", priceCents: clamp(estimate, 1n, above.priceCents - 1n), estimated: true };
}

/**
 * Takes in one simulation. Every probe lies strictly between the ends (or beyond the only one),
 * so each simulation moves an end and no price is simulated twice.
 */
export function record(bracket: Bracket, probe: Probe, incomeCents: bigint): void {
  const point = { priceCents: probe.priceCents, incomeCents };
  bracket.known.push(point);
  const width = bracket.short && bracket.enough ? bracket.enough.priceCents - bracket.short.priceCents : null;
  const side: Side = incomeCents >= bracket.required ? "enough" : "short";
  bracket[side] = point;
  const again = probe.estimated && bracket.moved?.side === side;
  bracket.moved = { side, times: again ? bracket.moved!.times + 1 : 1 };
  if (width !== null && bracket.short && bracket.enough) {
    const left = bracket.enough.priceCents - bracket.short.priceCents;
    bracket.slowSteps = probe.estimated && left * 2n > width ? bracket.slowSteps + 1 : 0;
  }
}
