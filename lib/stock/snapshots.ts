import type { CwsClient, CwsProduct, PriceTier } from "@/lib/cws";
import { CwsError } from "@/lib/cws";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/logger";
import { inTransaction, reading } from "@/lib/stores";

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

export { releaseDateOf } from "./store";

/** Keeps what CWS just said of a product as its snapshot (an admin's live lookup). */
export async function recordSnapshot(db: Db, product: CwsProduct, fetchedAt: Date): Promise<void> {
  await inTransaction(db, (tx) => tx.snapshots.save(product, fetchedAt, fetchedAt));
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
    private readonly now: () => Date = () => new Date(),
    /** Told the CWS products whose G2A offers should follow a change (stock crossing zero, a new price). */
    private readonly onOfferInputsChanged: (cwsProductIds: string[]) => void = () => {},
  ) {}

  /** Passes on products whose offers should follow a change made elsewhere (a purchase emptying the stock). */
  announce(cwsProductIds: readonly string[]): void {
    if (cwsProductIds.length > 0) this.onOfferInputsChanged([...cwsProductIds]);
  }

  async read(cwsProductIds: readonly string[], options: SnapshotReadOptions): Promise<SnapshotRead> {
    const ids = [...new Set(cwsProductIds)];
    const now = options.now ?? this.now();
    const isFresh = (snapshot: StockSnapshot | undefined) =>
      snapshot !== undefined && now.getTime() - snapshot.fetchedAt.getTime() <= options.maxAgeMs;

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
      const usable =
        snapshot && (isFresh(snapshot) || now.getTime() - snapshot.fetchedAt.getTime() <= options.fallbackMaxAgeMs);
      if (snapshot && usable) snapshots.set(id, snapshot);
      else unavailable.push(id);
    }
    return { snapshots, unavailable };
  }

  /** Refreshes these products from CWS now; failures are logged, not thrown. */
  async refresh(cwsProductIds: readonly string[], options: { timeoutMs: number; maxRetries?: number }): Promise<void> {
    const fetchedAt = this.now();
    try {
      const products = await this.#fetch(cwsProductIds, {
        timeoutMs: options.timeoutMs,
        maxRetries: options.maxRetries ?? 0,
      });
      const found = new Map(products.map((product) => [product.productId, product]));
      const changed = await inTransaction(this.db, (tx) =>
        cwsProductIds.filter((id) => {
          const product = found.get(id);
          return product
            ? tx.snapshots.save(product, fetchedAt, fetchedAt)
            : tx.snapshots.markMissing(id, fetchedAt, fetchedAt);
        }),
      );
      this.announce(changed);
    } catch (error) {
      this.log.warn(
        { cwsProductIds, reason: error instanceof Error ? error.message : String(error) },
        "stock refresh from CWS failed",
      );
    }
  }

  async #refreshShared(ids: readonly string[], options: { timeoutMs: number; maxRetries: number }): Promise<void> {
    const waiting = ids
      .map((id) => this.#inFlight.get(id))
      .filter((pending): pending is Promise<void> => pending !== undefined);
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

  async #load(ids: readonly string[]): Promise<Map<string, StockSnapshot>> {
    const snapshots = await reading(this.db, (stores) => stores.snapshots.load(ids));
    return new Map(snapshots.map((snapshot) => [snapshot.cwsProductId, snapshot]));
  }
}
