import { randomUUID } from "node:crypto";
import { unitPriceCents } from "@/lib/cws";
import { AppError } from "@/lib/errors";
import { formatEuros } from "@/lib/g2a/money";
import type { ReservationLine } from "@/lib/g2a/schemas";
import { isSellingPaused } from "@/lib/settings";
import { heldQuantities } from "@/lib/stock/holds";
import type { StockSnapshot } from "@/lib/stock/snapshots";
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

  const mappings = await db.productMapping.findMany({ where: { g2aProductId: { in: lines.map((line) => line.g2aProductId) }, enabled: true } });
  const mappingOf = new Map(mappings.map((mapping) => [mapping.g2aProductId, mapping]));
  for (const line of lines) {
    if (!mappingOf.has(line.g2aProductId)) throw new AppError("PRODUCT_NOT_MAPPED", `product ${line.g2aProductId} is not for sale`);
  }

  const now = deps.now();
  const { snapshots, unavailable } = await deps.stock.read(
    mappings.map((mapping) => mapping.cwsProductId),
    { maxAgeMs: config.stockMaxAgeMs, fallbackMaxAgeMs: config.stockFallbackMaxAgeMs, timeoutMs: config.stockReadTimeoutMs, now },
  );

  const planned: PlannedLine[] = [];
  let priceFailure: AppError | null = null;
  for (const line of lines) {
    const mapping = mappingOf.get(line.g2aProductId)!;
    if (unavailable.includes(mapping.cwsProductId)) throw outOfStock(`product ${line.g2aProductId}: supplier unavailable`);
    const snapshot = snapshots.get(mapping.cwsProductId)!;
    if (snapshot.releaseDate && snapshot.releaseDate > now && !mapping.allowPreOrder) {
      throw outOfStock(`product ${line.g2aProductId}: not released yet`);
    }
    const unitCostCents = unitPriceCents(snapshot.tiers, line.quantity);
    if (unitCostCents === null) throw outOfStock(`product ${line.g2aProductId}: quantity ${line.quantity} cannot be supplied`);
    const minMarginCents = mapping.minMarginCents ?? config.defaultMinMarginCents;
    if (!priceFailure && line.unitPriceCents !== null && unitCostCents + minMarginCents > line.unitPriceCents) {
      priceFailure = new AppError("PRICE_TOO_LOW", `product ${line.g2aProductId}: unit_price ${formatEuros(line.unitPriceCents)} is below our minimum`);
    }
    planned.push({ ...line, cwsProductId: mapping.cwsProductId, minMarginCents, unitCostCents });
  }
  return { lines: planned, snapshots, priceFailure };
}

/**
 * Rule 4 inside the write transaction: for each CWS product, in order of first appearance, the
 * summed request must fit in available(P) = max(0, quantity − held). Returns the stock answer.
 */
async function checkStock(tx: Parameters<typeof heldQuantities>[0], plan: Plan, now: Date, excludeReservationId?: string): Promise<StockEntry[]> {
  const requested = new Map<string, number>();
  for (const line of plan.lines) requested.set(line.cwsProductId, (requested.get(line.cwsProductId) ?? 0) + line.quantity);
  const held = await heldQuantities(tx, [...requested.keys()], { now, excludeReservationId });

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
export async function reserveStock(deps: FulfillmentDeps, lines: readonly ReservationLine[]): Promise<ReservationResult> {
  const plan = await planReservation(deps, lines);
  const reservationId = randomUUID();
  const stock = await deps.db.$transaction(async (tx) => {
    const now = deps.now();
    const entries = await checkStock(tx, plan, now);
    if (plan.priceFailure) throw plan.priceFailure;
    const expiresAt = new Date(now.getTime() + deps.config.reservationTtlMs);
    await tx.reservation.create({
      data: {
        id: reservationId,
        status: "ACTIVE",
        expiresAt,
        createdAt: now,
        items: {
          create: plan.lines.map((line, position) => ({
            position,
            g2aProductId: line.g2aProductId,
            cwsProductId: line.cwsProductId,
            quantity: line.quantity,
            unitPriceCents: line.unitPriceCents,
            auctionBasePriceCents: line.auctionBasePriceCents,
            unitCostCents: line.unitCostCents,
            minMarginCents: line.minMarginCents,
            holdUntil: expiresAt,
          })),
        },
      },
    });
    return entries;
  });
  return { reservationId, stock };
}

async function findReservation(deps: FulfillmentDeps, reservationId: string) {
  const reservation = await deps.db.reservation.findUnique({ where: { id: reservationId }, include: { items: { orderBy: { position: "asc" } } } });
  if (!reservation) throw new AppError("NOT_FOUND", "reservation not found");
  if (reservation.status === "CONSUMED") throw new AppError("RESERVATION_CONSUMED", "reservation already used by an order");
  return reservation;
}

/**
 * PUT /reservation/{id} (§5.3): ACTIVE, EXPIRED and RELEASED reservations can be renewed, under the
 * same guards as a new one, with their own holds left out. On failure nothing changes.
 */
export async function renewReservation(deps: FulfillmentDeps, reservationId: string): Promise<ReservationResult> {
  const reservation = await findReservation(deps, reservationId);
  const lines: ReservationLine[] = reservation.items.map((item) => ({
    g2aProductId: item.g2aProductId,
    quantity: item.quantity,
    unitPriceCents: item.unitPriceCents,
    auctionBasePriceCents: item.auctionBasePriceCents,
  }));
  const plan = await planReservation(deps, lines);
  const stock = await deps.db.$transaction(async (tx) => {
    const current = await tx.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
    if (current.status === "CONSUMED") throw new AppError("RESERVATION_CONSUMED", "reservation already used by an order");
    const now = deps.now();
    const entries = await checkStock(tx, plan, now, reservation.id);
    if (plan.priceFailure) throw plan.priceFailure;
    const expiresAt = new Date(now.getTime() + deps.config.reservationTtlMs);
    await tx.reservation.update({ where: { id: reservation.id }, data: { status: "ACTIVE", expiresAt, renewedAt: now, releasedAt: null } });
    for (const [position, line] of plan.lines.entries()) {
      await tx.reservationItem.update({
        where: { reservationId_position: { reservationId: reservation.id, position } },
        data: { cwsProductId: line.cwsProductId, unitCostCents: line.unitCostCents, minMarginCents: line.minMarginCents, holdUntil: expiresAt },
      });
    }
    return entries;
  });
  return { reservationId: reservation.id, stock };
}

/** DELETE /reservation/{id} (§5.4): ACTIVE or EXPIRED becomes RELEASED; releasing again changes nothing. */
export async function releaseReservation(deps: FulfillmentDeps, reservationId: string): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const reservation = await tx.reservation.findUnique({ where: { id: reservationId } });
    if (!reservation) throw new AppError("NOT_FOUND", "reservation not found");
    if (reservation.status === "CONSUMED") throw new AppError("RESERVATION_CONSUMED", "reservation already used by an order");
    if (reservation.status === "RELEASED") return;
    await tx.reservation.update({ where: { id: reservationId }, data: { status: "RELEASED", releasedAt: deps.now() } });
    await tx.reservationItem.updateMany({ where: { reservationId }, data: { holdUntil: null } });
  });
}
