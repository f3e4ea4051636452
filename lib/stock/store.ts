import { unitPriceCents, type CwsProduct, type PriceTier } from "@/lib/cws";
import { cached, fromSqliteDateTime, sqliteDateTime, type SqliteConnection } from "@/lib/db";
import { parseTiers, serializeTiers } from "./tiers";
import type { StockSnapshot } from "./snapshots";

/** CWS's release date of a product, or null when it has none or it is not a date. */
export function releaseDateOf(product: CwsProduct): Date | null {
  const date = product.releaseDate ? new Date(product.releaseDate) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** The part of a snapshot a G2A offer follows, as one comparable string. */
function offerView(available: boolean, quantity: number, tiers: readonly PriceTier[]): string {
  return `${available && quantity > 0 ? "in stock" : "none"}:${unitPriceCents(tiers, 1) ?? "no price"}`;
}

type Row = {
  cwsProductId: string;
  name: string | null;
  quantity: bigint | number;
  priceTiers: string;
  releaseDate: string | null;
  available: bigint | number;
  fetchedAt: string;
};

/** Every write to `CwsProductSnapshot`: what CWS last said of each product's stock and prices. */
export class SnapshotStore {
  constructor(private readonly sql: SqliteConnection) {}

  /** The snapshots of these products that exist. */
  load(cwsProductIds: readonly string[]): StockSnapshot[] {
    const select = cached(
      this.sql,
      `SELECT cwsProductId, name, quantity, priceTiers, releaseDate, available, fetchedAt FROM "CwsProductSnapshot" WHERE cwsProductId = ?`,
    );
    return cwsProductIds.flatMap((id) => {
      const row = select.get(id) as Row | undefined;
      if (!row) return [];
      return [
        {
          cwsProductId: row.cwsProductId,
          name: row.name,
          quantity: Number(row.quantity),
          tiers: parseTiers(row.priceTiers),
          releaseDate: fromSqliteDateTime(row.releaseDate),
          available: Number(row.available) === 1,
          fetchedAt: new Date(row.fetchedAt),
        },
      ];
    });
  }

  /** What an offer on G2A follows in a snapshot: sold at all, in stock, and the price of one unit. */
  #offerView(cwsProductId: string): string | null {
    const row = cached(
      this.sql,
      `SELECT quantity, priceTiers, available FROM "CwsProductSnapshot" WHERE cwsProductId = ?`,
    ).get(cwsProductId) as Pick<Row, "quantity" | "priceTiers" | "available"> | undefined;
    if (!row) return null;
    return offerView(Number(row.available) === 1, Number(row.quantity), parseTiers(row.priceTiers));
  }

  /**
   * Keeps what CWS just said of a product (the stock refresh and an admin's live lookup both write it).
   * True when what its G2A offer follows changed: sold or not, in stock or not, the price of one unit.
   */
  save(product: CwsProduct, fetchedAt: Date, at: Date): boolean {
    const before = this.#offerView(product.productId);
    const releaseDate = releaseDateOf(product);
    cached(
      this.sql,
      `INSERT INTO "CwsProductSnapshot" (cwsProductId, identifier, name, platform, quantity, priceTiers, releaseDate, available, fetchedAt, missingSince, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, NULL, ?)
       ON CONFLICT (cwsProductId) DO UPDATE SET identifier = excluded.identifier, name = excluded.name, platform = excluded.platform, quantity = excluded.quantity,
         priceTiers = excluded.priceTiers, releaseDate = excluded.releaseDate, available = 1, fetchedAt = excluded.fetchedAt, missingSince = NULL, updatedAt = excluded.updatedAt`,
    ).run(
      product.productId,
      product.identifier || null,
      product.name,
      product.platform || null,
      product.quantity,
      serializeTiers(product.prices),
      releaseDate ? sqliteDateTime(releaseDate) : null,
      sqliteDateTime(fetchedAt),
      sqliteDateTime(at),
    );
    return before !== offerView(true, product.quantity, product.prices);
  }

  /** CWS answered 404 or left the product out: it counts as quantity 0 from now on. True when it was sold until now. */
  markMissing(cwsProductId: string, fetchedAt: Date, at: Date): boolean {
    const before = this.#offerView(cwsProductId);
    const fetched = sqliteDateTime(fetchedAt);
    cached(
      this.sql,
      `INSERT INTO "CwsProductSnapshot" (cwsProductId, quantity, priceTiers, available, fetchedAt, missingSince, updatedAt) VALUES (?, 0, '[]', 0, ?, ?, ?)
       ON CONFLICT (cwsProductId) DO UPDATE SET quantity = 0, available = 0, fetchedAt = excluded.fetchedAt, updatedAt = excluded.updatedAt`,
    ).run(cwsProductId, fetched, fetched, sqliteDateTime(at));
    return before !== null && before !== offerView(false, 0, []);
  }

  /**
   * Takes units CWS just sold us off the snapshot, in the purchase's own transaction (ARCHITECTURE
   * §8.5): from then on the order no longer holds them and CWS's next figure already excludes them.
   */
  subtractSold(sold: ReadonlyArray<{ cwsProductId: string; quantity: number }>, at: Date): string[] {
    const subtract = cached(
      this.sql,
      `UPDATE "CwsProductSnapshot" SET quantity = CASE WHEN quantity > ? THEN quantity - ? ELSE 0 END, updatedAt = ? WHERE cwsProductId = ?`,
    );
    const emptied: string[] = [];
    for (const { cwsProductId, quantity } of sold) {
      const before = this.#offerView(cwsProductId);
      subtract.run(quantity, quantity, sqliteDateTime(at), cwsProductId);
      if (before !== this.#offerView(cwsProductId)) emptied.push(cwsProductId);
    }
    return emptied;
  }
}
