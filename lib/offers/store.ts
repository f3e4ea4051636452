import type { PriceTier } from "@/lib/cws";
import { cached, fromSqliteDateTime, sqliteDateTime, type SqliteConnection } from "@/lib/db";
import { parseTiers } from "@/lib/stock/tiers";

// Every write to G2aOfferState and G2aOfferDecision: what the offer sync knows of each mapping's
// G2A offer, and the decisions it made. Plain SQL: a pass reads ten thousand offers at once.

export type PricingStrategyName = "FIXED" | "TARGET_MARGIN" | "FOLLOW_COMPETITION";

/** A mapping as the offer sync reads it. */
export type OfferMapping = {
  id: string;
  g2aProductId: string;
  cwsProductId: string;
  enabled: boolean;
  minMarginCents: bigint | null;
  maxUnitCostCents: bigint | null;
  allowPreOrder: boolean;
  g2aOfferId: string | null;
  pricingStrategy: PricingStrategyName | null;
  fixedPriceCents: bigint | null;
  targetMarginCents: bigint | null;
  targetMarginBasisPoints: number | null;
  maxPriceCents: bigint | null;
  maxDeclaredStock: number | null;
};

/** What CWS last said of the mapping's product (null: never read). */
export type OfferSnapshot = {
  quantity: number;
  tiers: PriceTier[];
  releaseDate: Date | null;
  available: boolean;
  fetchedAt: Date;
};

/** The offer's row, G2A's side and ours (see the G2aOfferState model). */
export type OfferState = {
  mappingId: string;
  offerId: string | null;
  active: boolean | null;
  status: string | null;
  priceCents: bigint | null;
  inventorySize: number | null;
  priceMinCents: bigint | null;
  priceMaxCents: bigint | null;
  incomeCents: bigint | null;
  costCents: bigint | null;
  floorCents: bigint | null;
  targetPriceCents: bigint | null;
  targetSize: number | null;
  targetActive: boolean | null;
  stopReason: string | null;
  competitorPriceCents: bigint | null;
  competitorName: string | null;
  position: number | null;
  competitorsAt: Date | null;
  pendingJobId: string | null;
  pendingJobKind: string | null;
  pendingJobAt: Date | null;
  pendingChange: string | null;
  pausedByG2aAt: Date | null;
  pausedByG2aMessage: string | null;
  pausedByStaffAt: Date | null;
  pausedByStaffBy: string | null;
  /** Epoch milliseconds of the price changes sent in the last hour. */
  recentPriceChanges: number[];
  lastSyncAt: Date | null;
  lastOutcome: string | null;
  lastMessage: string | null;
  consecutiveFailures: number;
};

export type OfferInput = { mapping: OfferMapping; snapshot: OfferSnapshot | null; state: OfferState };

/** One decision of the sync, as recorded in the offer's history. */
export type OfferDecision = {
  priceCents: bigint | null;
  size: number | null;
  active: boolean | null;
  action: "none" | "create" | "link" | "update" | "settle" | "wait" | "fail";
  summary: string;
  sent: string | null;
  answer: string | null;
  ok: boolean;
};

/** Decisions kept per offer. */
export const DECISIONS_KEPT = 50;

const STATE_COLUMNS = [
  "offerId",
  "active",
  "status",
  "priceCents",
  "inventorySize",
  "priceMinCents",
  "priceMaxCents",
  "incomeCents",
  "costCents",
  "floorCents",
  "targetPriceCents",
  "targetSize",
  "targetActive",
  "stopReason",
  "competitorPriceCents",
  "competitorName",
  "position",
  "competitorsAt",
  "pendingJobId",
  "pendingJobKind",
  "pendingJobAt",
  "pendingChange",
  "pausedByG2aAt",
  "pausedByG2aMessage",
  "pausedByStaffAt",
  "pausedByStaffBy",
  "recentPriceChanges",
  "lastSyncAt",
  "lastOutcome",
  "lastMessage",
  "consecutiveFailures",
] as const satisfies ReadonlyArray<keyof OfferState>;

const PAUSE_COLUMNS: ReadonlySet<string> = new Set([
  "pausedByG2aAt",
  "pausedByG2aMessage",
  "pausedByStaffAt",
  "pausedByStaffBy",
]);

type Row = Record<string, unknown>;

const big = (value: unknown): bigint | null => (value === null || value === undefined ? null : BigInt(value as number));
const int = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const bool = (value: unknown): boolean | null => (value === null || value === undefined ? null : Number(value) === 1);
const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** A state with nothing known yet. */
export function emptyOfferState(mappingId: string): OfferState {
  return {
    mappingId,
    offerId: null,
    active: null,
    status: null,
    priceCents: null,
    inventorySize: null,
    priceMinCents: null,
    priceMaxCents: null,
    incomeCents: null,
    costCents: null,
    floorCents: null,
    targetPriceCents: null,
    targetSize: null,
    targetActive: null,
    stopReason: null,
    competitorPriceCents: null,
    competitorName: null,
    position: null,
    competitorsAt: null,
    pendingJobId: null,
    pendingJobKind: null,
    pendingJobAt: null,
    pendingChange: null,
    pausedByG2aAt: null,
    pausedByG2aMessage: null,
    pausedByStaffAt: null,
    pausedByStaffBy: null,
    recentPriceChanges: [],
    lastSyncAt: null,
    lastOutcome: null,
    lastMessage: null,
    consecutiveFailures: 0,
  };
}

function parseChanges(value: unknown): number[] {
  try {
    const parsed = JSON.parse(String(value ?? "[]")) as unknown;
    return Array.isArray(parsed) ? parsed.filter((at): at is number => typeof at === "number") : [];
  } catch {
    return [];
  }
}

function stateOf(mappingId: string, row: Row): OfferState {
  if (row.o_mappingId === null || row.o_mappingId === undefined) return emptyOfferState(mappingId);
  return {
    mappingId,
    offerId: text(row.o_offerId),
    active: bool(row.o_active),
    status: text(row.o_status),
    priceCents: big(row.o_priceCents),
    inventorySize: int(row.o_inventorySize),
    priceMinCents: big(row.o_priceMinCents),
    priceMaxCents: big(row.o_priceMaxCents),
    incomeCents: big(row.o_incomeCents),
    costCents: big(row.o_costCents),
    floorCents: big(row.o_floorCents),
    targetPriceCents: big(row.o_targetPriceCents),
    targetSize: int(row.o_targetSize),
    targetActive: bool(row.o_targetActive),
    stopReason: text(row.o_stopReason),
    competitorPriceCents: big(row.o_competitorPriceCents),
    competitorName: text(row.o_competitorName),
    position: int(row.o_position),
    competitorsAt: fromSqliteDateTime(row.o_competitorsAt),
    pendingJobId: text(row.o_pendingJobId),
    pendingJobKind: text(row.o_pendingJobKind),
    pendingJobAt: fromSqliteDateTime(row.o_pendingJobAt),
    pendingChange: text(row.o_pendingChange),
    pausedByG2aAt: fromSqliteDateTime(row.o_pausedByG2aAt),
    pausedByG2aMessage: text(row.o_pausedByG2aMessage),
    pausedByStaffAt: fromSqliteDateTime(row.o_pausedByStaffAt),
    pausedByStaffBy: text(row.o_pausedByStaffBy),
    recentPriceChanges: parseChanges(row.o_recentPriceChanges),
    lastSyncAt: fromSqliteDateTime(row.o_lastSyncAt),
    lastOutcome: text(row.o_lastOutcome),
    lastMessage: text(row.o_lastMessage),
    consecutiveFailures: int(row.o_consecutiveFailures) ?? 0,
  };
}

function inputOf(row: Row): OfferInput {
  const mappingId = String(row.id);
  return {
    mapping: {
      id: mappingId,
      g2aProductId: String(row.g2aProductId),
      cwsProductId: String(row.cwsProductId),
      enabled: bool(row.enabled) === true,
      minMarginCents: big(row.minMarginCents),
      maxUnitCostCents: big(row.maxUnitCostCents),
      allowPreOrder: bool(row.allowPreOrder) === true,
      g2aOfferId: text(row.g2aOfferId),
      pricingStrategy: text(row.pricingStrategy) as PricingStrategyName | null,
      fixedPriceCents: big(row.fixedPriceCents),
      targetMarginCents: big(row.targetMarginCents),
      targetMarginBasisPoints: int(row.targetMarginBasisPoints),
      maxPriceCents: big(row.maxPriceCents),
      maxDeclaredStock: int(row.maxDeclaredStock),
    },
    snapshot:
      row.s_fetchedAt === null || row.s_fetchedAt === undefined
        ? null
        : {
            quantity: int(row.s_quantity) ?? 0,
            tiers: parseTiers(String(row.s_priceTiers)),
            releaseDate: fromSqliteDateTime(row.s_releaseDate),
            available: bool(row.s_available) === true,
            fetchedAt: fromSqliteDateTime(row.s_fetchedAt)!,
          },
    state: stateOf(mappingId, row),
  };
}

const INPUT_SELECT = `SELECT m.id, m.g2aProductId, m.cwsProductId, m.enabled, m.minMarginCents, m.maxUnitCostCents, m.allowPreOrder,
    m.g2aOfferId, m.pricingStrategy, m.fixedPriceCents, m.targetMarginCents, m.targetMarginBasisPoints, m.maxPriceCents, m.maxDeclaredStock,
    s.quantity AS s_quantity, s.priceTiers AS s_priceTiers, s.releaseDate AS s_releaseDate, s.available AS s_available, s.fetchedAt AS s_fetchedAt,
    ${["mappingId", ...STATE_COLUMNS].map((column) => `o.${column} AS o_${column}`).join(", ")}
  FROM "ProductMapping" m
  LEFT JOIN "CwsProductSnapshot" s ON s.cwsProductId = m.cwsProductId
  LEFT JOIN "G2aOfferState" o ON o.mappingId = m.id`;

function columnValue(state: OfferState, column: (typeof STATE_COLUMNS)[number]): unknown {
  const value = state[column];
  if (column === "recentPriceChanges") return JSON.stringify(value);
  if (value instanceof Date) return sqliteDateTime(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

export class OfferStore {
  constructor(private readonly sql: SqliteConnection) {}

  /** Every mapping with its snapshot and offer state, in creation order. */
  all(): OfferInput[] {
    return (cached(this.sql, `${INPUT_SELECT} ORDER BY m.createdAt, m.id`).all() as Row[]).map(inputOf);
  }

  /** One mapping by its G2A product, or null. */
  byProduct(g2aProductId: string): OfferInput | null {
    const row = cached(this.sql, `${INPUT_SELECT} WHERE m.g2aProductId = ?`).get(g2aProductId) as Row | undefined;
    return row ? inputOf(row) : null;
  }

  /** The mapping whose offer (or auction) this is, by the link on the mapping or the offer the sync knows. */
  mappingOfOffer(ids: { offerId?: string | null; auctionId?: string | null }): string | null {
    const row = cached(
      this.sql,
      `SELECT m.id FROM "ProductMapping" m LEFT JOIN "G2aOfferState" o ON o.mappingId = m.id
       WHERE (? IS NOT NULL AND (m.g2aOfferId = ? OR o.offerId = ?)) OR (? IS NOT NULL AND m.g2aAuctionId = ?) LIMIT 1`,
    ).get(
      ids.offerId ?? null,
      ids.offerId ?? null,
      ids.offerId ?? null,
      ids.auctionId ?? null,
      ids.auctionId ?? null,
    ) as { id: string } | undefined;
    return row?.id ?? null;
  }

  /** The G2A product of a mapping, or null. */
  g2aProductOf(mappingId: string): string | null {
    const row = cached(this.sql, `SELECT g2aProductId FROM "ProductMapping" WHERE id = ?`).get(mappingId) as
      { g2aProductId: string } | undefined;
    return row?.g2aProductId ?? null;
  }

  /** The mappings of these CWS products, by their G2A product ids. */
  productsOfCws(cwsProductIds: readonly string[]): string[] {
    const select = cached(this.sql, `SELECT g2aProductId FROM "ProductMapping" WHERE cwsProductId = ?`);
    return cwsProductIds.flatMap((id) =>
      (select.all(id) as Array<{ g2aProductId: string }>).map((row) => row.g2aProductId),
    );
  }

  /**
   * Writes what a sync learnt and decided (created on first use). The pause columns are not the
   * sync's: G2A's notification and staff set them, also while a sync runs, and only they change them.
   */
  save(state: OfferState, at: Date): void {
    const columns = ["mappingId", ...STATE_COLUMNS, "updatedAt"];
    const synced = [...STATE_COLUMNS.filter((column) => !PAUSE_COLUMNS.has(column)), "updatedAt"];
    cached(
      this.sql,
      `INSERT INTO "G2aOfferState" (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})
       ON CONFLICT (mappingId) DO UPDATE SET ${synced.map((column) => `${column} = excluded.${column}`).join(", ")}`,
    ).run(state.mappingId, ...STATE_COLUMNS.map((column) => columnValue(state, column)), sqliteDateTime(at));
  }

  /** G2A deactivated the offer (`auction_deactivated`): it stays off until an admin acknowledges. */
  pauseByG2a(mappingId: string, message: string | null, at: Date): void {
    this.#ensure(mappingId, at);
    cached(
      this.sql,
      `UPDATE "G2aOfferState" SET pausedByG2aAt = ?, pausedByG2aMessage = ?, active = 0, status = 'inactive', updatedAt = ? WHERE mappingId = ?`,
    ).run(sqliteDateTime(at), message, sqliteDateTime(at), mappingId);
  }

  /** An admin acknowledged G2A's deactivation; false when the offer was not paused by G2A. */
  acknowledgeG2aPause(mappingId: string, at: Date): boolean {
    return (
      cached(
        this.sql,
        `UPDATE "G2aOfferState" SET pausedByG2aAt = NULL, pausedByG2aMessage = NULL, updatedAt = ? WHERE mappingId = ? AND pausedByG2aAt IS NOT NULL`,
      ).run(sqliteDateTime(at), mappingId).changes === 1
    );
  }

  /** Staff paused (`by` set) or resumed (null) the offer; false when it already was so. */
  setStaffPause(mappingId: string, by: string | null, at: Date): boolean {
    this.#ensure(mappingId, at);
    return (
      cached(
        this.sql,
        `UPDATE "G2aOfferState" SET pausedByStaffAt = ?, pausedByStaffBy = ?, updatedAt = ? WHERE mappingId = ? AND (pausedByStaffAt IS NULL) = ?`,
      ).run(by ? sqliteDateTime(at) : null, by, sqliteDateTime(at), mappingId, by ? 1 : 0).changes === 1
    );
  }

  #ensure(mappingId: string, at: Date): void {
    cached(
      this.sql,
      `INSERT INTO "G2aOfferState" (mappingId, updatedAt) VALUES (?, ?) ON CONFLICT (mappingId) DO NOTHING`,
    ).run(mappingId, sqliteDateTime(at));
  }

  /** Marks offers checked with nothing to do. */
  touch(mappingIds: readonly string[], at: Date): void {
    const update = cached(this.sql, `UPDATE "G2aOfferState" SET lastSyncAt = ? WHERE mappingId = ?`);
    const when = sqliteDateTime(at);
    for (const id of mappingIds) update.run(when, id);
  }

  /**
   * Takes the offer for `owner` until `until`, unless another sync holds it; true when taken. The
   * state row is created when missing, so the lease has a row to live on.
   */
  claim(mappingId: string, owner: string, until: Date, now: Date): boolean {
    this.#ensure(mappingId, now);
    const taken = cached(
      this.sql,
      `UPDATE "G2aOfferState" SET leaseOwner = ?, leaseUntil = ? WHERE mappingId = ? AND (leaseUntil IS NULL OR leaseUntil < ? OR leaseOwner = ?)`,
    ).run(owner, sqliteDateTime(until), mappingId, sqliteDateTime(now), owner);
    return taken.changes === 1;
  }

  release(mappingId: string, owner: string): void {
    cached(
      this.sql,
      `UPDATE "G2aOfferState" SET leaseOwner = NULL, leaseUntil = NULL WHERE mappingId = ? AND leaseOwner = ?`,
    ).run(mappingId, owner);
  }

  /** Adds a decision to the offer's history and keeps the last DECISIONS_KEPT. */
  recordDecision(mappingId: string, decision: OfferDecision, at: Date): void {
    cached(
      this.sql,
      `INSERT INTO "G2aOfferDecision" (mappingId, at, priceCents, size, active, action, summary, sent, answer, ok) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      mappingId,
      sqliteDateTime(at),
      decision.priceCents,
      decision.size,
      decision.active === null ? null : decision.active ? 1 : 0,
      decision.action,
      decision.summary,
      decision.sent,
      decision.answer,
      decision.ok ? 1 : 0,
    );
    cached(
      this.sql,
      `DELETE FROM "G2aOfferDecision" WHERE mappingId = ? AND id <= (SELECT id FROM "G2aOfferDecision" WHERE mappingId = ? ORDER BY id DESC LIMIT 1 OFFSET ${DECISIONS_KEPT})`,
    ).run(mappingId, mappingId);
  }
}
