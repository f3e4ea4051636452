import { randomUUID } from "node:crypto";
import { unitPriceCents } from "@/lib/cws";
import { cached, readSync, sqliteDateTime, writeSync, type SqliteConnection } from "@/lib/db";
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

type Mapping = { g2aProductId: string; cwsProductId: string; minMarginCents: bigint | null; allowPreOrder: boolean };

/** The enabled mappings of these G2A products: read on every reservation, so in plain SQL. */
function enabledMappings(db: FulfillmentDeps["db"], g2aProductIds: readonly string[]): Promise<Mapping[]> {
  return readSync(db, (sqlite) => {
    const select = cached(sqlite, `SELECT g2aProductId, cwsProductId, minMarginCents, allowPreOrder FROM "ProductMapping" WHERE g2aProductId = ? AND enabled = 1`);
    return g2aProductIds.flatMap((id) => {
      const row = select.get(id) as { g2aProductId: string; cwsProductId: string; minMarginCents: bigint | null; allowPreOrder: bigint | number } | undefined;
      return row ? [{ ...row, minMarginCents: row.minMarginCents === null ? null : BigInt(row.minMarginCents), allowPreOrder: Number(row.allowPreOrder) === 1 }] : [];
    });
  });
}

/**
 * Rules 1–5 of POST /reservation (§5.2) that need no lock: pause switch, mappings, stock source,
 * pre-orders and tiers, and the price check (whose failure is reported only after the stock check).
 */
async function planReservation(deps: FulfillmentDeps, lines: readonly ReservationLine[]): Promise<Plan> {
  const { db, config } = deps;
  if (await isSellingPaused(db)) throw new AppError("SELLING_PAUSED", "selling is paused");

  const mappings = await enabledMappings(db, lines.map((line) => line.g2aProductId));
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
function checkStock(sqlite: SqliteConnection, plan: Plan, now: Date, excludeReservationId?: string): StockEntry[] {
  const requested = new Map<string, number>();
  for (const line of plan.lines) requested.set(line.cwsProductId, (requested.get(line.cwsProductId) ?? 0) + line.quantity);
  const held = heldQuantities(sqlite, [...requested.keys()], { now, excludeReservationId });

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
  // Checked and written in one synchronous SQLite transaction: two buyers of the last unit get one 200 and one 409.
  const stock = await writeSync(deps.db, (sqlite) => {
    const now = deps.now();
    const entries = checkStock(sqlite, plan, now);
    if (plan.priceFailure) throw plan.priceFailure;
    const expiresAt = sqliteDateTime(new Date(now.getTime() + deps.config.reservationTtlMs));
    cached(sqlite, `INSERT INTO "Reservation" (id, status, expiresAt, createdAt) VALUES (?, 'ACTIVE', ?, ?)`).run(reservationId, expiresAt, sqliteDateTime(now));
    const insertLine = cached(
      sqlite,
      `INSERT INTO "ReservationItem" (id, reservationId, position, g2aProductId, cwsProductId, quantity, unitPriceCents, auctionBasePriceCents, unitCostCents, minMarginCents, holdUntil) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [position, line] of plan.lines.entries()) {
      insertLine.run(randomUUID(), reservationId, position, line.g2aProductId, line.cwsProductId, line.quantity, line.unitPriceCents ?? null, line.auctionBasePriceCents ?? null, line.unitCostCents, line.minMarginCents, expiresAt);
    }
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
  const stock = await writeSync(deps.db, (sqlite) => {
    const current = cached(sqlite, `SELECT status FROM "Reservation" WHERE id = ?`).get(reservation.id) as { status: string };
    if (current.status === "CONSUMED") throw new AppError("RESERVATION_CONSUMED", "reservation already used by an order");
    const now = deps.now();
    const entries = checkStock(sqlite, plan, now, reservation.id);
    if (plan.priceFailure) throw plan.priceFailure;
    const expiresAt = sqliteDateTime(new Date(now.getTime() + deps.config.reservationTtlMs));
    cached(sqlite, `UPDATE "Reservation" SET status = 'ACTIVE', expiresAt = ?, renewedAt = ?, releasedAt = NULL WHERE id = ?`).run(expiresAt, sqliteDateTime(now), reservation.id);
    const updateLine = cached(sqlite, `UPDATE "ReservationItem" SET cwsProductId = ?, unitCostCents = ?, minMarginCents = ?, holdUntil = ? WHERE reservationId = ? AND position = ?`);
    for (const [position, line] of plan.lines.entries()) updateLine.run(line.cwsProductId, line.unitCostCents, line.minMarginCents, expiresAt, reservation.id, position);
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
