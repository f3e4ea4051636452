import type { CwsProduct } from "@/lib/cws";
import { cached, fromSqliteDateTime, sqliteDateTime, type SqliteConnection } from "@/lib/db";
import { parseTiers, serializeTiers } from "./tiers";
import type { StockSnapshot } from "./snapshots";

/** CWS's release date of a product, or null when it has none or it is not a date. */
export function releaseDateOf(product: CwsProduct): Date | null {
  const date = product.releaseDate ? new Date(product.releaseDate) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
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

  /** Keeps what CWS just said of a product (the stock refresh and an admin's live lookup both write it). */
  save(product: CwsProduct, fetchedAt: Date, at: Date): void {
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
  }

  /** CWS answered 404 or left the product out: it counts as quantity 0 from now on. */
  markMissing(cwsProductId: string, fetchedAt: Date, at: Date): void {
    const fetched = sqliteDateTime(fetchedAt);
    cached(
      this.sql,
      `INSERT INTO "CwsProductSnapshot" (cwsProductId, quantity, priceTiers, available, fetchedAt, missingSince, updatedAt) VALUES (?, 0, '[]', 0, ?, ?, ?)
       ON CONFLICT (cwsProductId) DO UPDATE SET quantity = 0, available = 0, fetchedAt = excluded.fetchedAt, updatedAt = excluded.updatedAt`,
    ).run(cwsProductId, fetched, fetched, sqliteDateTime(at));
  }

  /**
   * Takes units CWS just sold us off the snapshot, in the purchase's own transaction (ARCHITECTURE
   * §8.5): from then on the order no longer holds them and CWS's next figure already excludes them.
   */
  subtractSold(sold: ReadonlyArray<{ cwsProductId: string; quantity: number }>, at: Date): void {
    const subtract = cached(
      this.sql,
      `UPDATE "CwsProductSnapshot" SET quantity = CASE WHEN quantity > ? THEN quantity - ? ELSE 0 END, updatedAt = ? WHERE cwsProductId = ?`,
    );
    for (const { cwsProductId, quantity } of sold) subtract.run(quantity, quantity, sqliteDateTime(at), cwsProductId);
  }
}
