import type { Db } from "@/lib/db";
import { raiseAlert } from "@/lib/alerts";

type Entry = Record<string, unknown>;

const textOf = (value: unknown) => (typeof value === "string" ? value : null);
const idOf = (value: unknown) => (typeof value === "string" || (typeof value === "number" && Number.isSafeInteger(value)) ? String(value) : null);

/**
 * POST /notifications (§7): every entry is stored exactly as received, whatever its shape,
 * duplicates included; the fields we understand also get their own columns.
 */
export async function storeG2aNotifications(db: Db, entries: readonly unknown[]): Promise<void> {
  const rows = entries.map((entry) => {
    const object: Entry = typeof entry === "object" && entry !== null && !Array.isArray(entry) ? (entry as Entry) : {};
    const data: Entry = typeof object.data === "object" && object.data !== null && !Array.isArray(object.data) ? (object.data as Entry) : {};
    return {
      raw: JSON.stringify(entry),
      notificationType: textOf(object.notification_type),
      date: textOf(object.date),
      offerId: idOf(data.offer_id),
      auctionId: idOf(data.auction_id),
      message: textOf(data.message),
    };
  });
  if (rows.length > 0) await db.g2aNotification.createMany({ data: rows });

  for (const row of rows.filter((row) => row.notificationType === "auction_deactivated")) {
    const mapping = row.offerId || row.auctionId
      ? await db.productMapping.findFirst({
          where: { OR: [...(row.offerId ? [{ g2aOfferId: row.offerId }] : []), ...(row.auctionId ? [{ g2aAuctionId: row.auctionId }] : [])] },
          select: { g2aProductId: true },
        })
      : null;
    raiseAlert({
      kind: "auction-deactivated",
      severity: "warning",
      message: `G2A deactivated an offer${mapping ? ` of product ${mapping.g2aProductId}` : ""}: ${row.message ?? "no reason given"}`,
      details: { offerId: row.offerId, auctionId: row.auctionId, g2aProductId: mapping?.g2aProductId },
    });
  }
}
