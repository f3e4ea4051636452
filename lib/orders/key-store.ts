import { cached, sqliteDateTime, type SqliteConnection } from "@/lib/db";

/** A key as it is stored: sealed by the key vault, bound to its own id. */
export type NewKey = {
  id: string;
  orderId: string;
  orderItemId: string;
  cwsCodeId: string;
  kind: "TEXT" | "FILE";
  sealed: Uint8Array;
  fileName: string | null;
  mimeType: string | null;
};

export type StoredKey = {
  id: string;
  orderItemId: string;
  kind: "TEXT" | "FILE";
  sealed: Buffer;
  firstDeliveredAt: string | null;
};

/** Every write to `Key`: stored once per order and CWS code, delivered, returned. */
export class KeyStore {
  constructor(private readonly sql: SqliteConnection) {}

  /** Stores a key; false when the order already has the key of that CWS code (stored by another poll). */
  insert(key: NewKey, at: Date): boolean {
    const { changes } = cached(
      this.sql,
      `INSERT INTO "Key" (id, orderId, orderItemId, cwsCodeId, kind, sealed, fileName, mimeType, status, storedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'DELIVERABLE', ?)
       ON CONFLICT (orderId, cwsCodeId) DO NOTHING`,
    ).run(
      key.id,
      key.orderId,
      key.orderItemId,
      key.cwsCodeId,
      key.kind,
      Buffer.from(key.sealed),
      key.fileName,
      key.mimeType,
      sqliteDateTime(at),
    );
    return Number(changes) === 1;
  }

  /** How many keys each line of the order has stored, returned ones included. */
  countPerLine(orderId: string): Map<string, number> {
    const rows = cached(
      this.sql,
      `SELECT orderItemId, COUNT(*) AS stored FROM "Key" WHERE orderId = ? GROUP BY orderItemId`,
    ).all(orderId) as Array<{ orderItemId: string; stored: bigint }>;
    return new Map(rows.map((row) => [row.orderItemId, Number(row.stored)]));
  }

  /** The CWS codes the order already has a key for. */
  storedCodeIds(orderId: string): Set<string> {
    const rows = cached(this.sql, `SELECT cwsCodeId FROM "Key" WHERE orderId = ?`).all(orderId) as Array<{
      cwsCodeId: string;
    }>;
    return new Set(rows.map((row) => row.cwsCodeId));
  }

  /** The order's keys G2A may collect (not returned), in the order they were stored. */
  deliverable(orderId: string): StoredKey[] {
    return cached(
      this.sql,
      `SELECT id, orderItemId, kind, sealed, firstDeliveredAt FROM "Key" WHERE orderId = ? AND status = 'DELIVERABLE' ORDER BY storedAt ASC, id ASC`,
    ).all(orderId) as StoredKey[];
  }

  /** Records the first delivery of each key (a later delivery keeps the first time). */
  markDelivered(keyIds: readonly string[], at: Date): void {
    const mark = cached(this.sql, `UPDATE "Key" SET firstDeliveredAt = ? WHERE id = ? AND firstDeliveredAt IS NULL`);
    for (const id of keyIds) mark.run(sqliteDateTime(at), id);
  }

  /** These keys of a COMPLETED order with their status; ids that are not keys of it are left out. */
  ofCompletedOrder(
    orderId: string,
    keyIds: readonly string[],
  ): Array<{ id: string; status: "DELIVERABLE" | "RETURNED" }> {
    const select = cached(
      this.sql,
      `SELECT k.id, k.status FROM "Key" k JOIN "Order" o ON o.id = k.orderId WHERE k.id = ? AND k.orderId = ? AND o.status = 'COMPLETED'`,
    );
    return keyIds.flatMap(
      (id) => (select.get(id, orderId) as { id: string; status: "DELIVERABLE" | "RETURNED" } | undefined) ?? [],
    );
  }

  markReturned(keyIds: readonly string[], at: Date): void {
    const mark = cached(this.sql, `UPDATE "Key" SET status = 'RETURNED', returnedAt = ? WHERE id = ?`);
    for (const id of keyIds) mark.run(sqliteDateTime(at), id);
  }
}
