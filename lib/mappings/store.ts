import { cached, sqliteDateTime, type Prisma, type SqliteConnection } from "@/lib/db";

/** A mapping as a reservation needs it. */
export type SaleMapping = {
  g2aProductId: string;
  cwsProductId: string;
  minMarginCents: bigint | null;
  allowPreOrder: boolean;
};

/** What a mapping allows a purchase to cost and buy. */
export type PurchaseLimits = {
  maxUnitCostCents: bigint | null;
  allowPreOrder: boolean;
  /** G2A's simulated income for one unit at the price our offer lists, when the offer sync knows it. */
  listedIncomeCents: bigint | null;
};

/** The reads of `ProductMapping` every sale makes (the dashboard writes mappings through lib/admin/mappings.ts). */
export class MappingStore {
  constructor(private readonly sql: SqliteConnection) {}

  /** The enabled mappings of these G2A products. */
  forSale(g2aProductIds: readonly string[]): SaleMapping[] {
    const select = cached(
      this.sql,
      `SELECT g2aProductId, cwsProductId, minMarginCents, allowPreOrder FROM "ProductMapping" WHERE g2aProductId = ? AND enabled = 1`,
    );
    return g2aProductIds.flatMap((id) => {
      const row = select.get(id) as
        | { g2aProductId: string; cwsProductId: string; minMarginCents: bigint | null; allowPreOrder: bigint | number }
        | undefined;
      return row
        ? [
            {
              ...row,
              minMarginCents: row.minMarginCents === null ? null : BigInt(row.minMarginCents),
              allowPreOrder: Number(row.allowPreOrder) === 1,
            },
          ]
        : [];
    });
  }

  /** Links the mapping to our G2A offer for its product (found in our offer list, or just created). */
  linkOffer(mappingId: string, offerId: string, at: Date): void {
    cached(this.sql, `UPDATE "ProductMapping" SET g2aOfferId = ?, updatedAt = ? WHERE id = ?`).run(
      offerId,
      sqliteDateTime(at),
      mappingId,
    );
  }

  /** The purchase limits of these G2A products' mappings, enabled or not. */
  purchaseLimits(g2aProductIds: readonly string[]): Map<string, PurchaseLimits> {
    const select = cached(
      this.sql,
      `SELECT m.maxUnitCostCents, m.allowPreOrder, o.incomeCents FROM "ProductMapping" m
       LEFT JOIN "G2aOfferState" o ON o.mappingId = m.id WHERE m.g2aProductId = ?`,
    );
    const limits = new Map<string, PurchaseLimits>();
    for (const id of new Set(g2aProductIds)) {
      const row = select.get(id) as
        { maxUnitCostCents: bigint | null; allowPreOrder: bigint | number; incomeCents: bigint | null } | undefined;
      if (row)
        limits.set(id, {
          maxUnitCostCents: row.maxUnitCostCents === null ? null : BigInt(row.maxUnitCostCents),
          allowPreOrder: Number(row.allowPreOrder) === 1,
          listedIncomeCents: row.incomeCents === null ? null : BigInt(row.incomeCents),
        });
    }
    return limits;
  }
}

// The dashboard's writes, in Prisma inside the caller's transaction (each goes with its audit line).

type MappingWriter = Pick<Prisma.TransactionClient, "productMapping">;
export type MappingColumnsInput = Prisma.ProductMappingUncheckedCreateInput;

export function insertMapping(tx: MappingWriter, columns: MappingColumnsInput) {
  return tx.productMapping.create({ data: columns });
}

export async function insertMappings(tx: MappingWriter, rows: readonly MappingColumnsInput[]): Promise<void> {
  await tx.productMapping.createMany({ data: [...rows] });
}

export async function changeMapping(
  tx: MappingWriter,
  where: { id: string } | { g2aProductId: string },
  columns: Prisma.ProductMappingUncheckedUpdateInput,
): Promise<void> {
  await tx.productMapping.update({ where, data: columns });
}

export async function removeMapping(tx: MappingWriter, id: string): Promise<void> {
  await tx.productMapping.delete({ where: { id } });
}
