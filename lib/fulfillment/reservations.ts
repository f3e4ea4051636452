import { randomUUID } from "node:crypto";
import { unitPriceCents } from "@/lib/cws";
import { AppError } from "@/lib/errors";
import { formatEuros } from "@/lib/g2a/money";
import type { ReservationLine } from "@/lib/g2a/schemas";
import { coversCost } from "@/lib/pricing";
import { isSellingPaused } from "@/lib/settings";
import { heldQuantities } from "@/lib/stock/holds";
import type { StockSnapshot } from "@/lib/stock/snapshots";
import { inTransaction, reading, type Stores } from "@/lib/stores";
import type { FulfillmentDeps } from "./deps";

export type StockEntry = { g2aProductId: string; inventorySize: number };
export type ReservationResult = { reservationId: string; stock: StockEntry[] };

/** A request line resolved against its mapping and the CWS snapshot. */
type PlannedLine = ReservationLine & { cwsProductId: string; minMarginCents: bigint; unitCostCents: bigint };

type Plan = { lines: PlannedLine[]; snapshots: Map<string, StockSnapshot>; priceFailure: AppError | null };

const outOfStock = (message: string) => new AppError("OUT_OF_STOCK", message);

/**
 * Rules 1–5 of POST /reservation (§5.2) that need no lock: pause switch, mappings, stock source,
 * pre-orders and tiers, and the price check (whose failure is reported only after the stock check).
 */
async function planReservation(deps: FulfillmentDeps, lines: readonly ReservationLine[]): Promise<Plan> {
  const { db, config } = deps;
  if (await isSellingPaused(db)) throw new AppError("SELLING_PAUSED", "selling is paused");

  const mappings = await reading(db, (stores) => stores.mappings.forSale(lines.map((line) => line.g2aProductId)));
  const mappingOf = new Map(mappings.map((mapping) => [mapping.g2aProductId, mapping]));
  for (const line of lines) {
    if (!mappingOf.has(line.g2aProductId))
      throw new AppError("PRODUCT_NOT_MAPPED", `product ${line.g2aProductId} is not for sale`);
  }

  const now = deps.now();
  const { snapshots, unavailable } = await deps.stock.read(
    mappings.map((mapping) => mapping.cwsProductId),
    {
      maxAgeMs: config.stockMaxAgeMs,
      fallbackMaxAgeMs: config.stockFallbackMaxAgeMs,
      timeoutMs: config.stockReadTimeoutMs,
      now,
    },
  );

  const planned: PlannedLine[] = [];
  let priceFailure: AppError | null = null;
  for (const line of lines) {
    const mapping = mappingOf.get(line.g2aProductId)!;
    if (unavailable.includes(mapping.cwsProductId))
      throw outOfStock(`product ${line.g2aProductId}: supplier unavailable`);
    const snapshot = snapshots.get(mapping.cwsProductId)!;
    if (snapshot.releaseDate && snapshot.releaseDate > now && !mapping.allowPreOrder) {
      throw outOfStock(`product ${line.g2aProductId}: not released yet`);
    }
    const unitCostCents = unitPriceCents(snapshot.tiers, line.quantity);
    if (unitCostCents === null)
      throw outOfStock(`product ${line.g2aProductId}: quantity ${line.quantity} cannot be supplied`);
    const minMarginCents = mapping.minMarginCents ?? config.defaultMinMarginCents;
    if (
      !priceFailure &&
      line.unitPriceCents !== null &&
      !coversCost(line.unitPriceCents, unitCostCents, minMarginCents)
    ) {
      priceFailure = new AppError(
        "PRICE_TOO_LOW",
        `product ${line.g2aProductId}: unit_price ${formatEuros(line.unitPriceCents)} is below our minimum`,
      );
    }
    planned.push({ ...line, cwsProductId: mapping.cwsProductId, minMarginCents, unitCostCents });
  }
  return { lines: planned, snapshots, priceFailure };
}

/**
 * Rule 4 inside the write transaction: for each CWS product, in order of first appearance, the
 * summed request must fit in available(P) = max(0, quantity − held). Returns the stock answer.
 */
function checkStock(tx: Stores, plan: Plan, now: Date, excludeReservationId?: string): StockEntry[] {
  const requested = new Map<string, number>();
  for (const line of plan.lines)
    requested.set(line.cwsProductId, (requested.get(line.cwsProductId) ?? 0) + line.quantity);
  const held = heldQuantities(tx, [...requested.keys()], { now, excludeReservationId });

  const available = new Map<string, number>();
  for (const [cwsProductId, wanted] of requested) {
    const snapshot = plan.snapshots.get(cwsProductId)!;
    const free = snapshot.available ? Math.max(0, snapshot.quantity - (held.get(cwsProductId) ?? 0)) : 0;
    if (wanted > free) {
      const first = plan.lines.find((line) => line.cwsProductId === cwsProductId)!;
      throw outOfStock(`product ${first.g2aProductId}: requested ${wanted}, available ${free}`);
    }
    available.set(cwsProductId, free);
  }
  return plan.lines.map((line) => ({
    g2aProductId: line.g2aProductId,
    inventorySize: Math.max(0, available.get(line.cwsProductId)! - requested.get(line.cwsProductId)!),
  }));
}

/** POST /reservation: reserves every line or none (§5.2). */
export async function reserveStock(
  deps: FulfillmentDeps,
  lines: readonly ReservationLine[],
): Promise<ReservationResult> {
  const plan = await planReservation(deps, lines);
  const reservationId = randomUUID();
  // Checked and written in one synchronous SQLite transaction: two buyers of the last unit get one 200 and one 409.
  const stock = await inTransaction(deps.db, (tx) => {
    const now = deps.now();
    const entries = checkStock(tx, plan, now);
    if (plan.priceFailure) throw plan.priceFailure;
    const lines = plan.lines.map((line) => ({
      ...line,
      unitPriceCents: line.unitPriceCents ?? null,
      auctionBasePriceCents: line.auctionBasePriceCents ?? null,
    }));
    tx.reservations.create(reservationId, lines, new Date(now.getTime() + deps.config.reservationTtlMs), now);
    return entries;
  });
  return { reservationId, stock };
}

/** The reservation's status; NOT_FOUND when there is none, RESERVATION_CONSUMED once an order used it. */
function usableStatus(tx: Stores, reservationId: string): string {
  const reservation = tx.reservations.status(reservationId);
  if (!reservation) throw new AppError("NOT_FOUND", "reservation not found");
  if (reservation.status === "CONSUMED")
    throw new AppError("RESERVATION_CONSUMED", "reservation already used by an order");
  return reservation.status;
}

/**
 * PUT /reservation/{id} (§5.3): ACTIVE, EXPIRED and RELEASED reservations can be renewed, under the
 * same guards as a new one, with their own holds left out. On failure nothing changes.
 */
export async function renewReservation(deps: FulfillmentDeps, reservationId: string): Promise<ReservationResult> {
  const items = await reading(deps.db, (stores) => {
    usableStatus(stores, reservationId);
    return stores.reservations.lines(reservationId);
  });
  const lines: ReservationLine[] = items.map((item) => ({
    g2aProductId: item.g2aProductId,
    quantity: item.quantity,
    unitPriceCents: item.unitPriceCents,
    auctionBasePriceCents: item.auctionBasePriceCents,
  }));
  const plan = await planReservation(deps, lines);
  const stock = await inTransaction(deps.db, (tx) => {
    usableStatus(tx, reservationId);
    const now = deps.now();
    const entries = checkStock(tx, plan, now, reservationId);
    if (plan.priceFailure) throw plan.priceFailure;
    tx.reservations.renew(reservationId, plan.lines, new Date(now.getTime() + deps.config.reservationTtlMs), now);
    return entries;
  });
  return { reservationId, stock };
}

/** DELETE /reservation/{id} (§5.4): ACTIVE or EXPIRED becomes RELEASED; releasing again changes nothing. */
export async function releaseReservation(deps: FulfillmentDeps, reservationId: string): Promise<void> {
  await inTransaction(deps.db, (tx) => {
    if (usableStatus(tx, reservationId) !== "RELEASED") tx.reservations.release(reservationId, deps.now());
  });
}
