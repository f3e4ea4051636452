import { randomUUID } from "node:crypto";
import { cached, fromSqliteDateTime, sqliteDateTime, type SqliteConnection } from "@/lib/db";
import type { Order, OrderItem } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { assertMove } from "./lifecycle";
import { TimelineStore, type TimelineEntry } from "./timeline-store";

// Orders and their lines, in plain SQL on the serialized connection: every sale reads and writes
// them several times, and Prisma compiles each query on the event loop (ARCHITECTURE §1). SQLite
// gives integers as bigints and DateTimes as ISO text; the readers give Prisma's shapes. The SQL is
// standard but for `?` placeholders, so another database can implement the same store.

export type OrderLine = Pick<
  OrderItem,
  "id" | "position" | "g2aProductId" | "cwsProductId" | "quantity" | "unitPriceCents" | "minMarginCents"
>;

export type OrderState = Pick<
  Order,
  | "id"
  | "status"
  | "needsAttention"
  | "cwsOrderId"
  | "cwsOrderStatus"
  | "cwsOrderedAt"
  | "placementGeneration"
  | "cwsPlacementStartedAt"
  | "placementLeaseOwner"
  | "placementLeaseUntil"
  | "createdAt"
> & { items: OrderLine[] };

/** A new order from a consumed reservation. */
export type NewOrder = {
  id: string;
  g2aOrderId: string;
  reservationId: string;
  saleTotalCents: bigint | null;
  lines: ReadonlyArray<Omit<OrderLine, "id"> & { quotedCostCents: bigint }>;
};

/** The CWS order an order now has (created by our attempt, or found by the recovery search). */
export type AdoptedCwsOrder = {
  orderId: string;
  identifier: string | null;
  status: string;
  orderedAt: Date;
  totalCents: bigint | null;
};

/** What a status change writes besides the status; one shape per target state. */
export type StatusChange =
  /** From PENDING: the purchase starts. From PLACING (needsAttention): a new round of attempts. */
  (
    | { to: "PLACING" }
    | { to: "AWAITING_CODES"; cwsOrder: AdoptedCwsOrder; unitCostByItem: ReadonlyMap<string, bigint | null> }
    | { to: "COMPLETED" }
    | { to: "FAILED"; reason: string; clearAttention?: boolean }
    | { to: "PENDING"; buyAgain?: { archivedCwsOrderIds: readonly string[] } }
  ) & { event: TimelineEntry };

type Cell = string | bigint | number | null;
type Row = Record<string, Cell>;

const toCents = (value: Cell | undefined) => (value === null || value === undefined ? null : BigInt(value));
const CLEAR_ATTENTION = "needsAttention = 0, attentionReason = NULL, attentionSince = NULL";

/** Every write to `Order` and `OrderItem`; the status only changes through `transition`. */
export class OrderStore {
  readonly #timeline: TimelineStore;

  constructor(private readonly sql: SqliteConnection) {
    this.#timeline = new TimelineStore(sql);
  }

  #run(text: string, ...args: unknown[]): number {
    return Number(cached(this.sql, text).run(...args).changes);
  }

  status(orderId: string): OrderStatus | undefined {
    return (
      cached(this.sql, `SELECT status FROM "Order" WHERE id = ?`).get(orderId) as { status: OrderStatus } | undefined
    )?.status;
  }

  /** The order's status, purchase fields and lines in reservation order; undefined when it does not exist. */
  state(orderId: string): OrderState | undefined {
    const row = cached(
      this.sql,
      `SELECT id, status, needsAttention, cwsOrderId, cwsOrderStatus, cwsOrderedAt, placementGeneration, cwsPlacementStartedAt,
        placementLeaseOwner, placementLeaseUntil, createdAt FROM "Order" WHERE id = ?`,
    ).get(orderId) as Row | undefined;
    if (!row) return undefined;
    const lines = cached(
      this.sql,
      `SELECT id, position, g2aProductId, cwsProductId, quantity, unitPriceCents, minMarginCents FROM "OrderItem" WHERE orderId = ? ORDER BY position ASC`,
    ).all(orderId) as Row[];
    return {
      id: String(row.id),
      status: row.status as OrderStatus,
      needsAttention: Number(row.needsAttention) === 1,
      cwsOrderId: row.cwsOrderId as string | null,
      cwsOrderStatus: row.cwsOrderStatus as string | null,
      cwsOrderedAt: fromSqliteDateTime(row.cwsOrderedAt),
      placementGeneration: Number(row.placementGeneration),
      cwsPlacementStartedAt: fromSqliteDateTime(row.cwsPlacementStartedAt),
      placementLeaseOwner: row.placementLeaseOwner as string | null,
      placementLeaseUntil: fromSqliteDateTime(row.placementLeaseUntil),
      createdAt: fromSqliteDateTime(row.createdAt)!,
      items: lines.map((line) => ({
        id: String(line.id),
        position: Number(line.position),
        g2aProductId: String(line.g2aProductId),
        cwsProductId: String(line.cwsProductId),
        quantity: Number(line.quantity),
        unitPriceCents: toCents(line.unitPriceCents),
        minMarginCents: BigInt(line.minMarginCents!),
      })),
    };
  }

  /** The order made from this reservation, if any. */
  byReservation(reservationId: string): { id: string; g2aOrderId: string; status: OrderStatus } | undefined {
    return cached(this.sql, `SELECT id, g2aOrderId, status FROM "Order" WHERE reservationId = ?`).get(reservationId) as
      { id: string; g2aOrderId: string; status: OrderStatus } | undefined;
  }

  /** G2A's id of the order (how staff and G2A name it), undefined when it does not exist. */
  g2aOrderIdOf(orderId: string): string | undefined {
    return (
      cached(this.sql, `SELECT g2aOrderId FROM "Order" WHERE id = ?`).get(orderId) as { g2aOrderId: string } | undefined
    )?.g2aOrderId;
  }

  existsForG2aOrder(g2aOrderId: string): boolean {
    return cached(this.sql, `SELECT id FROM "Order" WHERE g2aOrderId = ?`).get(g2aOrderId) !== undefined;
  }

  /** Stores a paid order, PENDING, with its lines and the timeline's first entry. */
  create(order: NewOrder, event: TimelineEntry, at: Date): void {
    const stamp = sqliteDateTime(at);
    this.#run(
      `INSERT INTO "Order" (id, g2aOrderId, reservationId, status, saleTotalCents, lastProgressAt, createdAt, updatedAt) VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?)`,
      order.id,
      order.g2aOrderId,
      order.reservationId,
      order.saleTotalCents,
      stamp,
      stamp,
      stamp,
    );
    const insertLine = cached(
      this.sql,
      `INSERT INTO "OrderItem" (id, orderId, position, g2aProductId, cwsProductId, quantity, unitPriceCents, quotedCostCents, minMarginCents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const line of order.lines) {
      insertLine.run(
        randomUUID(),
        order.id,
        line.position,
        line.g2aProductId,
        line.cwsProductId,
        line.quantity,
        line.unitPriceCents,
        line.quotedCostCents,
        line.minMarginCents,
      );
    }
    this.#timeline.append(order.id, event, at);
  }

  /**
   * The one way an order's status changes: refuses (OrderTransitionError) any move the lifecycle
   * does not allow from the status the order has now, and writes the new fields, the lines' stock
   * holds and the timeline entry together, in the caller's transaction.
   */
  transition(orderId: string, change: StatusChange, at: Date): OrderStatus {
    const current = cached(this.sql, `SELECT status, needsAttention FROM "Order" WHERE id = ?`).get(orderId) as
      { status: OrderStatus; needsAttention: Cell } | undefined;
    if (!current) throw new Error(`order ${orderId} not found`);
    assertMove(current.status, change.to, { needsAttention: Number(current.needsAttention) === 1 });
    const stamp = sqliteDateTime(at);
    const holds = (held: boolean) =>
      this.#run(`UPDATE "OrderItem" SET holdsStock = ? WHERE orderId = ?`, held ? 1 : 0, orderId);
    switch (change.to) {
      case "PLACING":
        if (current.status === "PLACING") {
          this.#run(
            `UPDATE "Order" SET placementGeneration = placementGeneration + 1, ${CLEAR_ATTENTION}, lastProgressAt = ?, updatedAt = ? WHERE id = ?`,
            stamp,
            stamp,
            orderId,
          );
        } else {
          this.#run(
            `UPDATE "Order" SET status = 'PLACING', cwsPlacementStartedAt = COALESCE(cwsPlacementStartedAt, ?), lastProgressAt = ?, updatedAt = ? WHERE id = ?`,
            stamp,
            stamp,
            stamp,
            orderId,
          );
        }
        break;
      case "AWAITING_CODES": {
        const { cwsOrder } = change;
        this.#run(
          `UPDATE "Order" SET status = 'AWAITING_CODES', cwsOrderId = ?, cwsOrderIdentifier = ?, cwsOrderStatus = ?, cwsOrderedAt = ?, costTotalCents = ?,
             lastProgressAt = ?, placementLeaseOwner = NULL, placementLeaseUntil = NULL, updatedAt = ? WHERE id = ?`,
          cwsOrder.orderId,
          cwsOrder.identifier,
          cwsOrder.status,
          sqliteDateTime(cwsOrder.orderedAt),
          cwsOrder.totalCents,
          stamp,
          stamp,
          orderId,
        );
        const charged = cached(
          this.sql,
          `UPDATE "OrderItem" SET holdsStock = 0, unitCostCents = ? WHERE id = ? AND orderId = ?`,
        );
        for (const [itemId, cents] of change.unitCostByItem) charged.run(cents, itemId, orderId);
        break;
      }
      case "COMPLETED":
        this.#run(
          `UPDATE "Order" SET status = 'COMPLETED', completedAt = ?, ${CLEAR_ATTENTION}, lastError = NULL, lastProgressAt = ?, updatedAt = ? WHERE id = ?`,
          stamp,
          stamp,
          stamp,
          orderId,
        );
        break;
      case "FAILED":
        this.#run(
          `UPDATE "Order" SET status = 'FAILED', lastError = ?, failedAt = ?, lastProgressAt = ?, updatedAt = ?${change.clearAttention ? `, ${CLEAR_ATTENTION}` : ""} WHERE id = ?`,
          change.reason,
          stamp,
          stamp,
          stamp,
          orderId,
        );
        holds(false);
        break;
      case "PENDING":
        this.#run(
          `UPDATE "Order" SET status = 'PENDING', failedAt = NULL, placementGeneration = placementGeneration + 1, ${CLEAR_ATTENTION}, lastProgressAt = ?, updatedAt = ? WHERE id = ?`,
          stamp,
          stamp,
          orderId,
        );
        if (change.buyAgain) {
          this.#run(
            `UPDATE "Order" SET archivedCwsOrderIds = ?, cwsOrderId = NULL, cwsOrderIdentifier = NULL, cwsOrderStatus = NULL, cwsOrderedAt = NULL, lastPolledAt = NULL,
               costTotalCents = NULL WHERE id = ?`,
            JSON.stringify(change.buyAgain.archivedCwsOrderIds),
            orderId,
          );
          this.#run(`UPDATE "OrderItem" SET unitCostCents = NULL WHERE orderId = ?`, orderId);
        }
        holds(true);
        break;
    }
    this.#timeline.append(orderId, change.event, at);
    return change.to;
  }

  /** A staff retry of an order that keeps its status: the flag is cleared and progress counts from now. */
  acknowledgeRetry(orderId: string, event: TimelineEntry, at: Date): void {
    const stamp = sqliteDateTime(at);
    this.#run(
      `UPDATE "Order" SET ${CLEAR_ATTENTION}, lastProgressAt = ?, updatedAt = ? WHERE id = ?`,
      stamp,
      stamp,
      orderId,
    );
    this.#timeline.append(orderId, event, at);
  }

  /** Flags the order for a person without changing its state; false when it already says so. */
  flagAttention(orderId: string, reason: string, at: Date): boolean {
    const order = cached(this.sql, `SELECT needsAttention, attentionReason FROM "Order" WHERE id = ?`).get(orderId) as
      { needsAttention: Cell; attentionReason: string | null } | undefined;
    if (!order) throw new Error(`order ${orderId} not found`);
    if (Number(order.needsAttention) === 1 && order.attentionReason === reason) return false;
    const stamp = sqliteDateTime(at);
    this.#run(
      `UPDATE "Order" SET needsAttention = 1, attentionReason = ?, attentionSince = ?, updatedAt = ? WHERE id = ?`,
      reason,
      stamp,
      stamp,
      orderId,
    );
    this.#timeline.append(orderId, { type: "NEEDS_ATTENTION", message: reason }, at);
    return true;
  }

  /** Records that fulfilment was queued, once; false when it already was. */
  recordEventSent(orderId: string, at: Date): boolean {
    const stamp = sqliteDateTime(at);
    if (
      this.#run(
        `UPDATE "Order" SET eventSentAt = ?, updatedAt = ? WHERE id = ? AND eventSentAt IS NULL`,
        stamp,
        stamp,
        orderId,
      ) === 0
    )
      return false;
    this.#timeline.append(
      orderId,
      { type: "EVENT_SENT", message: "Fulfilment queued (g2a/order.paid)", details: { eventId: orderId } },
      at,
    );
    return true;
  }

  /** Which workflow run works on the order and in what phase; false when the order does not exist. */
  recordRunPhase(orderId: string, runId: string, phase: string, at: Date): boolean {
    return (
      this.#run(
        `UPDATE "Order" SET workflowRunId = ?, workflowPhase = ?, updatedAt = ? WHERE id = ?`,
        runId,
        phase,
        sqliteDateTime(at),
        orderId,
      ) === 1
    );
  }

  /** A poll of the CWS order: its status when CWS answered (null when it did not), and whether keys came. */
  recordPoll(orderId: string, poll: { cwsStatus: string | null; progressed: boolean }, at: Date): void {
    const stamp = sqliteDateTime(at);
    this.#run(
      `UPDATE "Order" SET cwsOrderStatus = COALESCE(?, cwsOrderStatus), lastPolledAt = ?, updatedAt = ? WHERE id = ?`,
      poll.cwsStatus,
      stamp,
      stamp,
      orderId,
    );
    if (poll.progressed) this.#run(`UPDATE "Order" SET lastProgressAt = ? WHERE id = ?`, stamp, orderId);
  }

  /** A purchase attempt of an order already PLACING: progress counts from now. */
  recordPlacementProgress(orderId: string, at: Date): void {
    const stamp = sqliteDateTime(at);
    this.#run(
      `UPDATE "Order" SET cwsPlacementStartedAt = COALESCE(cwsPlacementStartedAt, ?), lastProgressAt = ?, updatedAt = ? WHERE id = ?`,
      stamp,
      stamp,
      stamp,
      orderId,
    );
  }

  /** Takes the placement lease until `until`; null when taken, otherwise when the holder's lease ends. */
  takePlacementLease(orderId: string, owner: string, until: Date, at: Date): Date | null {
    const stamp = sqliteDateTime(at);
    const taken = this.#run(
      `UPDATE "Order" SET placementLeaseOwner = ?, placementLeaseUntil = ?, updatedAt = ?
        WHERE id = ? AND (placementLeaseUntil IS NULL OR placementLeaseUntil < ? OR placementLeaseOwner = ?)`,
      owner,
      sqliteDateTime(until),
      stamp,
      orderId,
      stamp,
      owner,
    );
    if (taken === 1) return null;
    const current = cached(this.sql, `SELECT placementLeaseUntil FROM "Order" WHERE id = ?`).get(orderId) as
      { placementLeaseUntil: string | null } | undefined;
    if (!current) throw new Error(`order ${orderId} not found`);
    return current.placementLeaseUntil ? new Date(current.placementLeaseUntil) : at;
  }

  releasePlacementLease(orderId: string, owner: string, at: Date): void {
    this.#run(
      `UPDATE "Order" SET placementLeaseOwner = NULL, placementLeaseUntil = NULL, updatedAt = ? WHERE id = ? AND placementLeaseOwner = ?`,
      sqliteDateTime(at),
      orderId,
      owner,
    );
  }

  /** The CWS order ids earlier "Buy again"s gave up. */
  archivedCwsOrderIds(orderId: string): string[] {
    const row = cached(this.sql, `SELECT archivedCwsOrderIds FROM "Order" WHERE id = ?`).get(orderId) as
      { archivedCwsOrderIds: string | null } | undefined;
    return row?.archivedCwsOrderIds ? (JSON.parse(row.archivedCwsOrderIds) as string[]) : [];
  }

  /** Units each CWS product has in orders CWS has not accepted yet (PENDING, PLACING). */
  unitsHeld(cwsProductId: string): number {
    return Number(
      (
        cached(
          this.sql,
          `SELECT COALESCE(SUM(quantity), 0) AS n FROM "OrderItem" WHERE cwsProductId = ? AND holdsStock = 1`,
        ).get(cwsProductId) as { n: Cell }
      ).n,
    );
  }

  /** The lines' G2A products of an order, in reservation order. */
  lines(orderId: string): Array<{ id: string; g2aProductId: string }> {
    return cached(this.sql, `SELECT id, g2aProductId FROM "OrderItem" WHERE orderId = ? ORDER BY position ASC`).all(
      orderId,
    ) as Array<{ id: string; g2aProductId: string }>;
  }

  /** Appends a timeline entry that changes nothing else (CWS answers, polls, recoveries, returns). */
  note(orderId: string, event: TimelineEntry, at: Date): void {
    this.#timeline.append(orderId, event, at);
  }
}
