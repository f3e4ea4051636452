import { raiseAlert } from "@/lib/alerts";
import { AppError } from "@/lib/errors";
import { canonicalG2aId, isUuid } from "@/lib/g2a/ids";
import { inTransaction, reading } from "@/lib/stores";
import type { FulfillmentDeps } from "./deps";
import { fileTypeOf } from "./file-type";

export type InventoryItem = { id: string; kind: "text" | "file"; value: string };
export type InventoryLine = { g2aProductId: string; items: InventoryItem[] };
export type FileItem = { data: string; fileName: string; mimeType: string };

/** Only COMPLETED orders deliver keys; FAILED ones answer FULFILLMENT_FAILED (§6.1). */
export const fulfillmentFailed = () => new AppError("FULFILLMENT_FAILED", "order could not be fulfilled");

/** The key's sealed bytes are bound to its own id: a sealed value cannot be moved to another key. */
export const keyContext = (keyId: string) => `key:${keyId}`;

/**
 * The order an `/order/{order_id}/...` path names (§6.3): our order id, the reservation it was
 * created from, or the G2A order id, in that order; anything else is NOT_FOUND.
 */
export async function resolveOrder(deps: FulfillmentDeps, pathId: string) {
  const { db } = deps;
  const notFound = new AppError("NOT_FOUND", "order not found");
  if (isUuid(pathId)) {
    const id = pathId.toLowerCase();
    const order =
      (await db.order.findUnique({ where: { id } })) ?? (await db.order.findUnique({ where: { reservationId: id } }));
    if (!order) throw notFound;
    return order;
  }
  const g2aOrderId = canonicalG2aId(pathId);
  const order = g2aOrderId ? await db.order.findUnique({ where: { g2aOrderId } }) : null;
  if (!order) throw notFound;
  return order;
}

/**
 * The keys of an order, one line per order line in reservation order (§6.4). Lines are empty
 * until the order is COMPLETED; returned keys are left out. Keys are decrypted here and only here,
 * and the first delivery of each is recorded.
 */
export async function readInventory(deps: FulfillmentDeps, orderId: string): Promise<InventoryLine[]> {
  const { db, vault } = deps;
  // Read for every G2A order answer and inventory poll, in one synchronous read.
  const order = await reading(db, (stores) => {
    const status = stores.orders.status(orderId);
    if (!status) return undefined;
    return {
      status,
      items: stores.orders.lines(orderId),
      keys: status === "COMPLETED" ? stores.keys.deliverable(orderId) : [],
    };
  });
  if (!order) throw new Error(`order ${orderId} not found`);
  if (order.status === "FAILED") throw fulfillmentFailed();
  const delivering = order.status === "COMPLETED";
  const lines = order.items.map((item) => ({
    g2aProductId: item.g2aProductId,
    items: delivering
      ? order.keys
          .filter((key) => key.orderItemId === item.id)
          .map((key): InventoryItem =>
            key.kind === "TEXT"
              ? {
                  id: key.id,
                  kind: "text",
                  value: Buffer.from(vault.open(key.sealed, keyContext(key.id)))
                    .toString("utf8")
                    .trim(),
                }
              : { id: key.id, kind: "file", value: "" },
          )
      : [],
  }));
  const firstTime = order.keys.filter((key) => key.firstDeliveredAt === null).map((key) => key.id);
  if (firstTime.length > 0) await inTransaction(db, (tx) => tx.keys.markDelivered(firstTime, deps.now()));
  return lines;
}

/** GET /order/{id}/inventory/{itemId} (§6.6): a file key of a COMPLETED order, not returned. */
export async function readFileItem(deps: FulfillmentDeps, orderId: string, itemId: string): Promise<FileItem> {
  const notFound = new AppError("NOT_FOUND", "inventory item not found");
  if (!isUuid(itemId)) throw notFound;
  const key = await deps.db.key.findUnique({
    where: { id: itemId.toLowerCase() },
    include: { order: { select: { status: true } } },
  });
  if (
    !key ||
    key.orderId !== orderId ||
    key.kind !== "FILE" ||
    key.status !== "DELIVERABLE" ||
    key.order.status !== "COMPLETED"
  )
    throw notFound;
  const bytes = Buffer.from(deps.vault.open(key.sealed, keyContext(key.id)));
  const { mimeType, ext } = fileTypeOf(bytes, key.fileName);
  if (key.firstDeliveredAt === null) await inTransaction(deps.db, (tx) => tx.keys.markDelivered([key.id], deps.now()));
  return { data: bytes.toString("base64"), fileName: `${key.id}.${ext}`, mimeType };
}

/**
 * DELETE /order/{id}/inventory (§6.8): marks the listed keys RETURNED. Every id must be a key of
 * this order, or nothing changes. Returning a returned key again changes nothing. An order that is
 * not COMPLETED has delivered no items, so its stored keys are not returnable: NOT_FOUND.
 */
export async function returnKeys(deps: FulfillmentDeps, orderId: string, itemIds: readonly string[]): Promise<void> {
  const ids = [...new Set(itemIds.map((id) => id.toLowerCase()))];
  const newlyReturned = await inTransaction(deps.db, (tx) => {
    const keys = tx.keys.ofCompletedOrder(orderId, ids);
    if (keys.length !== ids.length) throw new AppError("NOT_FOUND", "inventory item not found in this order");
    const toReturn = keys.filter((key) => key.status !== "RETURNED").map((key) => key.id);
    if (toReturn.length === 0) return toReturn;
    const now = deps.now();
    tx.keys.markReturned(toReturn, now);
    tx.orders.note(
      orderId,
      {
        type: "KEYS_RETURNED",
        message: `G2A returned ${toReturn.length} key${toReturn.length === 1 ? "" : "s"}`,
        details: { keyIds: toReturn },
        actor: "g2a",
      },
      now,
    );
    return toReturn;
  });
  if (newlyReturned.length > 0) {
    await raiseAlert(deps.db, {
      type: "keys-returned",
      subject: { kind: "order", orderId },
      message: `G2A returned ${newlyReturned.length} key(s); file a complaint with CWS if a key was faulty`,
      details: { keyIds: newlyReturned },
    });
  }
}
