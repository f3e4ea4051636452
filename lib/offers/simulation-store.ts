import { cached, sqliteDateTime, type SqliteConnection } from "@/lib/db";

/** G2A's income for one unit of a product listed at a price, as its pricing simulation answered. */
export type CachedSimulation = { priceCents: bigint; incomeCents: bigint };

/** Every write to `G2aPriceSimulation`: the pricing simulations kept per product and listed price. */
export class SimulationStore {
  constructor(private readonly sql: SqliteConnection) {}

  /** The income at this price, when simulated at or after `notBefore`. */
  income(g2aProductId: string, priceCents: bigint, notBefore: Date): bigint | null {
    const row = cached(
      this.sql,
      `SELECT incomeCents FROM "G2aPriceSimulation" WHERE g2aProductId = ? AND priceCents = ? AND fetchedAt >= ?`,
    ).get(g2aProductId, priceCents, sqliteDateTime(notBefore)) as { incomeCents: bigint | number } | undefined;
    return row ? BigInt(row.incomeCents) : null;
  }

  /** The product's most recent simulation since `notBefore`: a starting point for the floor search. */
  latest(g2aProductId: string, notBefore: Date): CachedSimulation | null {
    const row = cached(
      this.sql,
      `SELECT priceCents, incomeCents FROM "G2aPriceSimulation" WHERE g2aProductId = ? AND fetchedAt >= ? ORDER BY fetchedAt DESC LIMIT 1`,
    ).get(g2aProductId, sqliteDateTime(notBefore)) as
      { priceCents: bigint | number; incomeCents: bigint | number } | undefined;
    return row ? { priceCents: BigInt(row.priceCents), incomeCents: BigInt(row.incomeCents) } : null;
  }

  save(g2aProductId: string, simulation: CachedSimulation & { businessIncomeCents: bigint | null }, at: Date): void {
    cached(
      this.sql,
      `INSERT INTO "G2aPriceSimulation" (g2aProductId, priceCents, incomeCents, businessIncomeCents, fetchedAt) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (g2aProductId, priceCents) DO UPDATE SET incomeCents = excluded.incomeCents, businessIncomeCents = excluded.businessIncomeCents, fetchedAt = excluded.fetchedAt`,
    ).run(
      g2aProductId,
      simulation.priceCents,
      simulation.incomeCents,
      simulation.businessIncomeCents,
      sqliteDateTime(at),
    );
  }

  /** Forgets simulations older than `before`; returns how many. */
  prune(before: Date): number {
    return cached(this.sql, `DELETE FROM "G2aPriceSimulation" WHERE fetchedAt < ?`).run(sqliteDateTime(before)).changes;
  }
}
