import type { Db } from "@/lib/db";
import { raiseAlert } from "@/lib/alerts";
import { markOfferPausedByG2a } from "@/lib/offers/pauses";
import { toWellFormed } from "@/lib/http/body";

type Entry = Record<string, unknown>;

// Columns get U+FFFD for a lone surrogate (the database refuses it); the raw text keeps the escape as sent.
const textOf = (value: unknown) => (typeof value === "string" ? toWellFormed(value) : null);
const idOf = (value: unknown) =>
  typeof value === "string" || (typeof value === "number" && Number.isSafeInteger(value))
    ? toWellFormed(String(value))
    : null;

/** One entry of a notifications batch: as parsed, and its text exactly as G2A sent it. */
export type ReceivedNotification = { entry: unknown; raw: string };

/**
 * The text of each element of a JSON array that JSON.parse already accepted. Slicing the body
 * instead of re-serialising keeps each entry as received (numbers beyond 2^53 keep their digits)
 * and cannot overflow the stack on deeply nested entries, which a 64 KiB body can hold.
 */
export function jsonArrayElementTexts(text: string): string[] {
  const elements: string[] = [];
  const push = (slice: string) => {
    if (slice.trim() !== "") elements.push(slice.trim());
  };
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") {
      depth++;
      if (depth === 1) start = i + 1;
    } else if (char === "]" || char === "}") {
      depth--;
      if (depth === 0) push(text.slice(start, i));
    } else if (char === "," && depth === 1) {
      push(text.slice(start, i));
      start = i + 1;
    }
  }
  return elements;
}

/** Pairs the parsed entries of a batch with their texts in the body. */
export function receivedNotifications(entries: readonly unknown[], body: string): ReceivedNotification[] {
  const texts = jsonArrayElementTexts(body);
  if (texts.length !== entries.length)
    throw new Error(`notifications: ${entries.length} entries parsed but ${texts.length} found in the body`);
  return entries.map((entry, index) => ({ entry, raw: texts[index] ?? "" }));
}

/**
 * POST /notifications (§7): every entry is stored exactly as received, whatever its shape,
 * duplicates included; the fields we understand also get their own columns.
 */
export async function storeG2aNotifications(db: Db, received: readonly ReceivedNotification[]): Promise<void> {
  const rows = received.map(({ entry, raw }) => {
    const object: Entry = typeof entry === "object" && entry !== null && !Array.isArray(entry) ? (entry as Entry) : {};
    const data: Entry =
      typeof object.data === "object" && object.data !== null && !Array.isArray(object.data)
        ? (object.data as Entry)
        : {};
    return {
      raw,
      notificationType: textOf(object.notification_type),
      date: textOf(object.date),
      offerId: idOf(data.offer_id),
      auctionId: idOf(data.auction_id),
      message: textOf(data.message),
    };
  });
  // All or nothing (G2A resends a batch answered 500); batches keep each insert under the database's
  // limit of bound parameters.
  await db.$transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += 500)
      await tx.g2aNotification.createMany({ data: rows.slice(start, start + 500) });
  });

  for (const row of rows.filter((row) => row.notificationType === "auction_deactivated")) {
    const paused = await markOfferPausedByG2a(db, row, new Date());
    await raiseAlert(db, {
      type: "auction-deactivated",
      subject: paused
        ? { kind: "mapping", g2aProductId: paused.g2aProductId }
        : {
            kind: "system",
            id: `g2a-offer:${row.offerId ?? row.auctionId ?? "?"}`,
            label: "An unknown G2A offer",
            link: "/notifications",
          },
      message: paused
        ? `G2A deactivated our offer for product ${paused.g2aProductId}: ${row.message ?? "no reason given"}. It stays off until an admin acknowledges it on the offer's page.`
        : `G2A deactivated an offer we do not know (offer ${row.offerId ?? "?"}, auction ${row.auctionId ?? "?"}): ${row.message ?? "no reason given"}`,
      details: { offerId: row.offerId, auctionId: row.auctionId, g2aProductId: paused?.g2aProductId },
    });
  }
}
