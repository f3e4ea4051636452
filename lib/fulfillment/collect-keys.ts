import { randomUUID } from "node:crypto";
import { CwsError, type CwsCode, type CwsOrder } from "@/lib/cws";
import { cached, readSync, sqliteDateTime, writeSync } from "@/lib/db";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import type { FulfillmentDeps } from "./deps";
import { fileTypeOf } from "./file-type";
import { keyContext } from "./inventory";
import { assignCodes, isCompleted, isTerminalFailure } from "./order-codes";
import { failOrder } from "./failure";
import { appendOrderEvent } from "./order-events";
import { countKeysPerLine, readOrderState, storedCodeIds } from "./order-rows";
import { notifyOrderChanged } from "./order-watch";
import { pollIntervalMs } from "./poll-schedule";

/** What one poll did; counts only, never a key. */
export type PollResult = { status: OrderStatus; cwsStatus: string | null; storedNow: number; missing: number; nextPollInMs: number | null };

type SealedKey = { kind: "TEXT" | "FILE"; plaintext: Uint8Array | string; fileName: string | null; mimeType: string | null };

/** The deliverable form of a code, fetching an image's bytes (§11.10); null while it cannot be delivered yet. */
async function deliverable(deps: FulfillmentDeps, code: CwsCode): Promise<SealedKey | null> {
  switch (code.codeType) {
    case "CODE_TEXT":
      return code.code?.trim() ? { kind: "TEXT", plaintext: code.code.trim(), fileName: null, mimeType: null } : null;
    case "CODE_IMAGE": {
      try {
        const image = await deps.cws.fetchImageCode(code.codeId);
        return { kind: "FILE", plaintext: image.bytes, fileName: image.filename, mimeType: fileTypeOf(image.bytes, image.filename).mimeType };
      } catch (error) {
        if (error instanceof CwsError) return null; // not ready or CWS hiccup: the next poll tries again
        throw error;
      }
    }
    default:
      return null; // CODE_PREORDER: the money is spent, the key comes on release
  }
}

/**
 * One poll of a bought order (§11.9, §8.3): stores every newly deliverable key, encrypted, each once
 * (unique per order and CWS code), and completes the order when every unit has a key and CWS says
 * Completed. A CWS error is not a failure: the next poll simply tries again. `known` is an answer
 * CWS just gave (the purchase itself), used instead of asking again. Every sale polls, so its
 * reads and writes are plain SQL (order-rows.ts).
 */
export async function pollCwsOrder(deps: FulfillmentDeps, orderId: string, known?: CwsOrder): Promise<PollResult> {
  const { db } = deps;
  const { order, stored } = await readSync(db, (sqlite) => ({ order: readOrderState(sqlite, orderId), stored: storedCodeIds(sqlite, orderId) }));
  if (!order) throw new Error(`order ${orderId} not found`);
  const settled: PollResult = { status: order.status, cwsStatus: order.cwsOrderStatus, storedNow: 0, missing: 0, nextPollInMs: null };
  if (order.status === "COMPLETED" || order.status === "FAILED" || !order.cwsOrderId) return settled;

  const now = deps.now();
  const orderedAt = order.cwsOrderedAt ?? now;
  const nextPollInMs = pollIntervalMs(now.getTime() - orderedAt.getTime());
  let cwsOrder: CwsOrder;
  try {
    cwsOrder = known ?? (await deps.cws.getOrder(order.cwsOrderId));
  } catch (error) {
    if (!(error instanceof CwsError)) throw error;
    const stamp = sqliteDateTime(now);
    await writeSync(db, (sqlite) => cached(sqlite, `UPDATE "Order" SET lastPolledAt = ?, updatedAt = ? WHERE id = ?`).run(stamp, stamp, orderId));
    deps.log.info({ orderId, reason: error.message }, "poll of CWS order failed; trying again at the next poll");
    return { ...settled, nextPollInMs };
  }

  if (isTerminalFailure(cwsOrder.status)) {
    const reason = `CWS reports order ${cwsOrder.identifier || order.cwsOrderId} as ${cwsOrder.status}: no keys will come. Check that CWS refunded the balance; an admin can buy again.`;
    await failOrder(deps, orderId, reason, {
      alertKind: "cws-order-failed",
      details: { cwsOrderId: order.cwsOrderId, cwsStatus: cwsOrder.status },
      alongside: (sqlite) => cached(sqlite, `UPDATE "Order" SET cwsOrderStatus = ?, lastPolledAt = ? WHERE id = ?`).run(cwsOrder.status, sqliteDateTime(now), orderId),
    });
    return { ...settled, status: "FAILED", cwsStatus: cwsOrder.status };
  }

  let storedNow = 0;
  for (const { orderItemId, code } of assignCodes(order.items.map((item) => ({ id: item.id, cwsProductId: item.cwsProductId, quantity: item.quantity })), cwsOrder)) {
    if (stored.has(code.codeId)) continue;
    const key = await deliverable(deps, code);
    if (!key) continue;
    const id = randomUUID();
    const sealed = deps.vault.seal(key.plaintext, keyContext(id));
    // Each key is committed as soon as it is sealed; a code another poll stored first is left as it is.
    const { changes } = await writeSync(db, (sqlite) =>
      cached(
        sqlite,
        `INSERT INTO "Key" (id, orderId, orderItemId, cwsCodeId, kind, sealed, fileName, mimeType, status, storedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'DELIVERABLE', ?)
         ON CONFLICT (orderId, cwsCodeId) DO NOTHING`,
      ).run(id, orderId, orderItemId, code.codeId, key.kind, Buffer.from(sealed), key.fileName, key.mimeType, sqliteDateTime(deps.now())),
    );
    stored.add(code.codeId);
    if (Number(changes) === 1) storedNow++;
  }

  const { missing, ready } = await writeSync(db, (sqlite) => {
    const keysPerItem = countKeysPerLine(sqlite, orderId);
    const missing = order.items.reduce((sum, item) => sum + Math.max(0, item.quantity - (keysPerItem.get(item.id) ?? 0)), 0);
    const ready = isCompleted(cwsOrder.status) && missing === 0;
    const stamp = sqliteDateTime(now);
    cached(sqlite, `UPDATE "Order" SET cwsOrderStatus = ?, lastPolledAt = ?, updatedAt = ? WHERE id = ?`).run(cwsOrder.status, stamp, stamp, orderId);
    if (storedNow > 0 || ready) cached(sqlite, `UPDATE "Order" SET lastProgressAt = ? WHERE id = ?`).run(stamp, orderId);
    if (ready) {
      cached(
        sqlite,
        `UPDATE "Order" SET status = 'COMPLETED', completedAt = ?, needsAttention = 0, attentionReason = NULL, attentionSince = NULL, lastError = NULL WHERE id = ?`,
      ).run(stamp, orderId);
    }
    if (storedNow > 0) {
      appendOrderEvent(sqlite, orderId, "KEYS_STORED", `${storedNow} key${storedNow === 1 ? "" : "s"} received and stored encrypted${missing > 0 ? `; ${missing} still to come` : ""}`, {
        details: { stored: storedNow, missing, cwsStatus: cwsOrder.status },
      });
    } else if (cwsOrder.status !== order.cwsOrderStatus) {
      appendOrderEvent(sqlite, orderId, "POLLED", `CWS order status is now ${cwsOrder.status}`, { details: { cwsStatus: cwsOrder.status, missing } });
    }
    if (ready) appendOrderEvent(sqlite, orderId, "COMPLETED", "Every key is stored: G2A can collect them");
    return { missing, ready };
  });
  if (ready || storedNow > 0) notifyOrderChanged(orderId);
  return { status: ready ? "COMPLETED" : order.status, cwsStatus: cwsOrder.status, storedNow, missing, nextPollInMs: ready ? null : nextPollInMs };
}
