import type { CwsClient, CwsProduct, PriceTier } from "@/lib/cws";
import { CwsError } from "@/lib/cws";
import { cached, readSync, sqliteDateTime, type Db, type SqliteConnection } from "@/lib/db";
import type { Logger } from "@/lib/logger";
import { parseTiers, serializeTiers } from "./tiers";

/** What we know of one CWS product's stock and prices, and when we learnt it. */
export type StockSnapshot = {
  cwsProductId: string;
  name: string | null;
  quantity: number;
  tiers: PriceTier[];
  releaseDate: Date | null;
  /** False when CWS does not sell it now (404 or left out of a listing): quantity counts as 0. */
  available: boolean;
  fetchedAt: Date;
};

export type SnapshotReadOptions = {
  /** Refresh snapshots older than this. */
  maxAgeMs: number;
  /** When a refresh fails, a snapshot at most this old still serves. */
  fallbackMaxAgeMs: number;
  /** Budget of one refresh attempt. */
  timeoutMs: number;
  /** Reservations make one attempt (the default); the purchase-time read retries like any read. */
  maxRetries?: number;
  now?: Date;
};

export type SnapshotRead = { snapshots: Map<string, StockSnapshot>; unavailable: string[] };

type Row = { cwsProductId: string; name: string | null; quantity: number; priceTiers: string; releaseDate: Date | null; available: boolean; fetchedAt: Date };

function fromRow(row: Row): StockSnapshot {
  return {
    cwsProductId: row.cwsProductId,
    name: row.name,
    quantity: row.quantity,
    tiers: parseTiers(row.priceTiers),
    releaseDate: row.releaseDate,
    available: row.available,
    fetchedAt: row.fetchedAt,
  };
}

/** CWS's release date of a product, or null when it has none or it is not a date. */
export function releaseDateOf(product: CwsProduct): Date | null {
  const date = product.releaseDate ? new Date(product.releaseDate) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * Keeps what CWS just said of a product as its snapshot (the stock refresh and an admin's live
 * lookup both write it): a Prisma operation, so a refresh can batch several in one transaction.
 */
export function recordSnapshot(db: Db, product: CwsProduct, fetchedAt: Date) {
  const data = {
    identifier: product.identifier || null,
    name: product.name,
    platform: product.platform || null,
    quantity: product.quantity,
    priceTiers: serializeTiers(product.prices),
    releaseDate: releaseDateOf(product),
    available: true,
    fetchedAt,
    missingSince: null,
  };
  return db.cwsProductSnapshot.upsert({ where: { cwsProductId: product.productId }, create: { cwsProductId: product.productId, ...data }, update: data });
}

/**
 * The stock source of reservations (g2a-merchant-contract.md §5.1) and of the purchase price read:
 * snapshots no older than `maxAgeMs`, stale ones refreshed from CWS in one call (single-flight per
 * product), and a refresh that fails falling back to snapshots at most `fallbackMaxAgeMs` old.
 */
export class StockSnapshots {
  readonly #inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly cws: CwsClient,
    private readonly log: Logger,
  ) {}

  async read(cwsProductIds: readonly string[], options: SnapshotReadOptions): Promise<SnapshotRead> {
    const ids = [...new Set(cwsProductIds)];
    const now = options.now ?? new Date();
    const isFresh = (snapshot: StockSnapshot | undefined) => snapshot !== undefined && now.getTime() - snapshot.fetchedAt.getTime() <= options.maxAgeMs;

    let known = await this.#load(ids);
    const stale = ids.filter((id) => !isFresh(known.get(id)));
    if (stale.length > 0) {
      await this.#refreshShared(stale, { timeoutMs: options.timeoutMs, maxRetries: options.maxRetries ?? 0 });
      known = await this.#load(ids);
    }

    const snapshots = new Map<string, StockSnapshot>();
    const unavailable: string[] = [];
    for (const id of ids) {
      const snapshot = known.get(id);
      const usable = snapshot && (isFresh(snapshot) || now.getTime() - snapshot.fetchedAt.getTime() <= options.fallbackMaxAgeMs);
      if (snapshot && usable) snapshots.set(id, snapshot);
      else unavailable.push(id);
    }
    return { snapshots, unavailable };
  }

  /** Refreshes these products from CWS now; failures are logged, not thrown. */
  async refresh(cwsProductIds: readonly string[], options: { timeoutMs: number; maxRetries?: number }): Promise<void> {
    const fetchedAt = new Date();
    try {
      const products = await this.#fetch(cwsProductIds, { timeoutMs: options.timeoutMs, maxRetries: options.maxRetries ?? 0 });
      const found = new Map(products.map((product) => [product.productId, product]));
      await this.db.$transaction(
        cwsProductIds.map((id) => {
          const product = found.get(id);
          return product ? recordSnapshot(this.db, product, fetchedAt) : this.#markMissing(id, fetchedAt);
        }),
      );
    } catch (error) {
      this.log.warn({ cwsProductIds, reason: error instanceof Error ? error.message : String(error) }, "stock refresh from CWS failed");
    }
  }

  async #refreshShared(ids: readonly string[], options: { timeoutMs: number; maxRetries: number }): Promise<void> {
    const waiting = ids.map((id) => this.#inFlight.get(id)).filter((pending): pending is Promise<void> => pending !== undefined);
    const mine = ids.filter((id) => !this.#inFlight.has(id));
    if (mine.length > 0) {
      const refresh = this.refresh(mine, options).finally(() => {
        for (const id of mine) if (this.#inFlight.get(id) === refresh) this.#inFlight.delete(id);
      });
      for (const id of mine) this.#inFlight.set(id, refresh);
      waiting.push(refresh);
    }
    await Promise.all(waiting);
  }

  /** One product: GET /v3/products/{id}; several: GET /v3/products?productIds=… (§5.1). */
  async #fetch(ids: readonly string[], options: { timeoutMs: number; maxRetries: number }): Promise<CwsProduct[]> {
    if (ids.length > 1) return this.cws.getProducts(ids, options);
    try {
      return [await this.cws.getProduct(ids[0]!, options)];
    } catch (error) {
      if (error instanceof CwsError && error.kind === "product_not_found") return [];
      throw error;
    }
  }

  /** Read on every reservation, so in plain SQL (one cached statement per product). */
  async #load(ids: readonly string[]): Promise<Map<string, StockSnapshot>> {
    type SqlRow = { cwsProductId: string; name: string | null; quantity: bigint | number; priceTiers: string; releaseDate: string | null; available: bigint | number; fetchedAt: string };
    const rows = await readSync(this.db, (sqlite) => {
      const select = cached(sqlite, `SELECT cwsProductId, name, quantity, priceTiers, releaseDate, available, fetchedAt FROM "CwsProductSnapshot" WHERE cwsProductId = ?`);
      return ids.map((id) => select.get(id) as SqlRow | undefined).filter((row): row is SqlRow => row !== undefined);
    });
    return new Map(
      rows.map((row) => [
        row.cwsProductId,
        fromRow({ ...row, quantity: Number(row.quantity), available: Number(row.available) === 1, releaseDate: row.releaseDate ? new Date(row.releaseDate) : null, fetchedAt: new Date(row.fetchedAt) }),
      ]),
    );
  }

  /**
   * Takes units CWS just sold us off the snapshot, in the purchase's own transaction (ARCHITECTURE
   * §8.5): from then on the order no longer holds them and CWS's next figure already excludes them.
   */
  static subtractSold(sqlite: SqliteConnection, sold: ReadonlyArray<{ cwsProductId: string; quantity: number }>): void {
    const subtract = cached(sqlite, `UPDATE "CwsProductSnapshot" SET quantity = MAX(0, quantity - ?), updatedAt = ? WHERE cwsProductId = ?`);
    const now = sqliteDateTime(new Date());
    for (const { cwsProductId, quantity } of sold) subtract.run(quantity, now, cwsProductId);
  }

  #markMissing(cwsProductId: string, fetchedAt: Date) {
    return this.db.cwsProductSnapshot.upsert({
      where: { cwsProductId },
      create: { cwsProductId, quantity: 0, priceTiers: "[]", available: false, fetchedAt, missingSince: fetchedAt },
      update: { quantity: 0, available: false, fetchedAt },
    });
  }
}
