import { formatEuros } from "@/lib/g2a/money";
import type { OfferSnapshot } from "./store";

/** What the stock declared to G2A depends on. */
export type StockInput = {
  mappingEnabled: boolean;
  sellingPaused: boolean;
  pausedByStaff: boolean;
  allowPreOrder: boolean;
  snapshot: OfferSnapshot | null;
  /** Units our active reservations and unbought orders hold. */
  heldUnits: number;
  /** The mapping's cap (9,999 unless set). */
  maxDeclared: number;
  /** What the CWS account can spend, when a balance check has read it. */
  balanceCents: bigint | null;
  /** CWS's price of one unit now; null when CWS gives none. */
  unitCostCents: bigint | null;
  /** Why no price can be listed, starting "uneconomic" (the floor is above G2A's maximum), or null. */
  uneconomic: string | null;
  now: Date;
};

/** The declared stock: a size, and whether the offer may be active; `stopReason` says why not. */
export type StockDecision = { size: number; active: boolean; stopReason: string | null };

const stopped = (stopReason: string): StockDecision => ({ size: 0, active: false, stopReason });

const NO_STOCK = "CWS has no stock";
const NOT_SOLD = "CWS does not sell the product now";
const ALL_HELD = "every unit CWS has";

/** The reasons the Offers page files under "out of stock" and "uneconomic". */
export function stopKind(stopReason: string | null): "out_of_stock" | "uneconomic" | "other" | null {
  if (stopReason === null) return null;
  if (stopReason.startsWith("uneconomic")) return "uneconomic";
  if (stopReason === NO_STOCK || stopReason === NOT_SOLD || stopReason.startsWith(ALL_HELD)) return "out_of_stock";
  return "other";
}

/**
 * CWS's quantity minus what we hold, capped by the mapping's maximum and by how many units the CWS
 * balance can buy at the current cost; size 0 and inactive whenever selling must stop, and why.
 */
export function declareStock(input: StockInput): StockDecision {
  const { snapshot } = input;
  if (input.pausedByStaff) return stopped("paused by staff");
  if (!input.mappingEnabled) return stopped("the mapping is disabled");
  if (input.sellingPaused) return stopped("selling is paused");
  if (!snapshot) return stopped("CWS stock has not been read yet");
  if (!snapshot.available) return stopped(NOT_SOLD);
  if (snapshot.releaseDate && snapshot.releaseDate > input.now && !input.allowPreOrder)
    return stopped("a pre-order, and the mapping does not allow pre-orders");
  if (snapshot.quantity <= 0) return stopped(NO_STOCK);
  const free = snapshot.quantity - input.heldUnits;
  if (free <= 0) return stopped(`${ALL_HELD} (${snapshot.quantity}) is held by our reservations and orders`);
  if (input.unitCostCents === null) return stopped("CWS gives no price for one unit");
  if (input.uneconomic) return stopped(input.uneconomic);
  let size = Math.min(free, input.maxDeclared);
  if (input.balanceCents !== null) {
    const affordable = input.unitCostCents > 0n ? Number(input.balanceCents / input.unitCostCents) : size;
    if (affordable < 1)
      return stopped(
        `the CWS balance (€${formatEuros(input.balanceCents)}) cannot buy one unit at €${formatEuros(input.unitCostCents)}`,
      );
    size = Math.min(size, affordable);
  }
  return { size, active: true, stopReason: null };
}
