import { randomUUID } from "node:crypto";
import { cached, sqliteDateTime, type SqliteConnection } from "@/lib/db";

/** A reservation line as it is stored, in request order. */
export type ReservationLineRecord = {
  g2aProductId: string;
  cwsProductId: string;
  quantity: number;
  unitPriceCents: bigint | null;
  auctionBasePriceCents: bigint | null;
  unitCostCents: bigint;
  minMarginCents: bigint;
};

type Cell = string | bigint | number | null;
const cents = (value: Cell) => (value === null ? null : BigInt(value));

/**
 * Every write to `Reservation` and `ReservationItem`. A line holds stock while its `holdUntil` is
 * ahead; the trigger-kept `StockHold` table sums the units of lines still holding per CWS product.
 */
export class ReservationStore {
  constructor(private readonly sql: SqliteConnection) {}

  status(reservationId: string): { status: string; expiresAt: Date } | undefined {
    const row = cached(this.sql, `SELECT status, expiresAt FROM "Reservation" WHERE id = ?`).get(reservationId) as
      { status: string; expiresAt: string } | undefined;
    return row && { status: row.status, expiresAt: new Date(row.expiresAt) };
  }

  /** The reservation's lines in request order. */
  lines(reservationId: string): ReservationLineRecord[] {
    const rows = cached(
      this.sql,
      `SELECT g2aProductId, cwsProductId, quantity, unitPriceCents, auctionBasePriceCents, unitCostCents, minMarginCents FROM "ReservationItem" WHERE reservationId = ? ORDER BY position ASC`,
    ).all(reservationId) as Array<Record<string, Cell>>;
    return rows.map((row) => ({
      g2aProductId: String(row.g2aProductId),
      cwsProductId: String(row.cwsProductId),
      quantity: Number(row.quantity),
      unitPriceCents: cents(row.unitPriceCents ?? null),
      auctionBasePriceCents: cents(row.auctionBasePriceCents ?? null),
      unitCostCents: BigInt(row.unitCostCents!),
      minMarginCents: BigInt(row.minMarginCents!),
    }));
  }

  create(reservationId: string, lines: readonly ReservationLineRecord[], expiresAt: Date, at: Date): void {
    const until = sqliteDateTime(expiresAt);
    cached(this.sql, `INSERT INTO "Reservation" (id, status, expiresAt, createdAt) VALUES (?, 'ACTIVE', ?, ?)`).run(
      reservationId,
      until,
      sqliteDateTime(at),
    );
    const insertLine = cached(
      this.sql,
      `INSERT INTO "ReservationItem" (id, reservationId, position, g2aProductId, cwsProductId, quantity, unitPriceCents, auctionBasePriceCents, unitCostCents, minMarginCents, holdUntil)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [position, line] of lines.entries()) {
      insertLine.run(
        randomUUID(),
        reservationId,
        position,
        line.g2aProductId,
        line.cwsProductId,
        line.quantity,
        line.unitPriceCents,
        line.auctionBasePriceCents,
        line.unitCostCents,
        line.minMarginCents,
        until,
      );
    }
  }

  /** ACTIVE again until `expiresAt`, each line with the cost and margin seen now. */
  renew(
    reservationId: string,
    lines: ReadonlyArray<Pick<ReservationLineRecord, "cwsProductId" | "unitCostCents" | "minMarginCents">>,
    expiresAt: Date,
    at: Date,
  ): void {
    const until = sqliteDateTime(expiresAt);
    cached(
      this.sql,
      `UPDATE "Reservation" SET status = 'ACTIVE', expiresAt = ?, renewedAt = ?, releasedAt = NULL WHERE id = ?`,
    ).run(until, sqliteDateTime(at), reservationId);
    const updateLine = cached(
      this.sql,
      `UPDATE "ReservationItem" SET cwsProductId = ?, unitCostCents = ?, minMarginCents = ?, holdUntil = ? WHERE reservationId = ? AND position = ?`,
    );
    for (const [position, line] of lines.entries())
      updateLine.run(line.cwsProductId, line.unitCostCents, line.minMarginCents, until, reservationId, position);
  }

  /** Released by G2A: its lines stop holding stock. */
  release(reservationId: string, at: Date): void {
    cached(this.sql, `UPDATE "Reservation" SET status = 'RELEASED', releasedAt = ? WHERE id = ?`).run(
      sqliteDateTime(at),
      reservationId,
    );
    this.#stopHolding(reservationId);
  }

  /** Used by an order: the order's lines hold its units from now on. */
  consume(reservationId: string, at: Date): void {
    cached(this.sql, `UPDATE "Reservation" SET status = 'CONSUMED', consumedAt = ? WHERE id = ?`).run(
      sqliteDateTime(at),
      reservationId,
    );
    this.#stopHolding(reservationId);
  }

  #stopHolding(reservationId: string): void {
    cached(this.sql, `UPDATE "ReservationItem" SET holdUntil = NULL WHERE reservationId = ?`).run(reservationId);
  }

  /** Stores EXPIRED on ACTIVE reservations whose time ran out, and clears the lapsed holds; how many expired. */
  expire(now: Date): number {
    const stamp = sqliteDateTime(now);
    const { changes } = cached(
      this.sql,
      `UPDATE "Reservation" SET status = 'EXPIRED' WHERE status = 'ACTIVE' AND expiresAt <= ?`,
    ).run(stamp);
    if (Number(changes) > 0)
      cached(this.sql, `UPDATE "ReservationItem" SET holdUntil = NULL WHERE holdUntil <= ?`).run(stamp);
    return Number(changes);
  }

  /**
   * Units of a CWS product in reservations still holding at `now`, less those of `excludeReservationId`.
   * It first clears the product's lapsed holds (an index range holding only those), after which the
   * `StockHold` row is exactly the units still held: one primary-key read, however many reservations exist.
   */
  unitsHeld(cwsProductId: string, now: Date, excludeReservationId?: string): number {
    cached(this.sql, `UPDATE "ReservationItem" SET holdUntil = NULL WHERE cwsProductId = ? AND holdUntil <= ?`).run(
      cwsProductId,
      sqliteDateTime(now),
    );
    let held = Number(
      (
        cached(this.sql, `SELECT units FROM "StockHold" WHERE cwsProductId = ?`).get(cwsProductId) as
          { units: Cell } | undefined
      )?.units ?? 0,
    );
    if (excludeReservationId) {
      const own = cached(
        this.sql,
        `SELECT COALESCE(SUM(quantity), 0) AS n FROM "ReservationItem" WHERE reservationId = ? AND cwsProductId = ? AND holdUntil IS NOT NULL`,
      );
      held -= Number((own.get(excludeReservationId, cwsProductId) as { n: Cell }).n);
    }
    return held;
  }
}
