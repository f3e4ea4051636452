import { randomUUID } from "node:crypto";
import { raiseAlert } from "@/lib/alerts";
import { CwsError, type CwsCode, type CwsOrder } from "@/lib/cws";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import type { FulfillmentDeps } from "./deps";
import { fileTypeOf } from "./file-type";
import { keyContext } from "./inventory";
import { assignCodes, isCompleted, isTerminalFailure } from "./order-codes";
import { recordOrderEvent } from "./order-events";
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
 * CWS just gave (the purchase itself), used instead of asking again.
 */
export async function pollCwsOrder(deps: FulfillmentDeps, orderId: string, known?: CwsOrder): Promise<PollResult> {
  const { db } = deps;
  const order = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { items: { orderBy: { position: "asc" } }, keys: { select: { cwsCodeId: true, orderItemId: true } } },
  });
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
    await db.order.update({ where: { id: orderId }, data: { lastPolledAt: now } });
    deps.log.info({ orderId, reason: error.message }, "poll of CWS order failed; trying again at the next poll");
    return { ...settled, nextPollInMs };
  }

  if (isTerminalFailure(cwsOrder.status)) {
    const reason = `CWS reports order ${cwsOrder.identifier || order.cwsOrderId} as ${cwsOrder.status}: no keys will come. Check that CWS refunded the balance; an admin can buy again.`;
    await db.$transaction(async (tx) => {
      await tx.order.update({ where: { id: orderId }, data: { status: "FAILED", cwsOrderStatus: cwsOrder.status, lastError: reason, failedAt: now, lastPolledAt: now, lastProgressAt: now } });
      await recordOrderEvent(tx, orderId, "FAILED", reason, { details: { cwsOrderId: order.cwsOrderId, cwsStatus: cwsOrder.status } });
    });
    raiseAlert({ kind: "cws-order-failed", severity: "warning", orderId, message: reason });
    notifyOrderChanged(orderId);
    return { ...settled, status: "FAILED", cwsStatus: cwsOrder.status };
  }

  const stored = new Set(order.keys.map((key) => key.cwsCodeId));
  let storedNow = 0;
  for (const { orderItemId, code } of assignCodes(order.items.map((item) => ({ id: item.id, cwsProductId: item.cwsProductId, quantity: item.quantity })), cwsOrder)) {
    if (stored.has(code.codeId)) continue;
    const key = await deliverable(deps, code);
    if (!key) continue;
    const id = randomUUID();
    try {
      await db.key.create({
        data: { id, orderId, orderItemId, cwsCodeId: code.codeId, kind: key.kind, sealed: deps.vault.seal(key.plaintext, keyContext(id)), fileName: key.fileName, mimeType: key.mimeType, storedAt: deps.now() },
      });
      stored.add(code.codeId);
      storedNow++;
    } catch (error) {
      // Another poll stored this code first: storing twice is harmless by design.
      if ((error as { code?: unknown }).code !== "P2002") throw error;
    }
  }

  const keysPerItem = new Map<string, number>();
  for (const key of await db.key.findMany({ where: { orderId }, select: { orderItemId: true } })) {
    keysPerItem.set(key.orderItemId, (keysPerItem.get(key.orderItemId) ?? 0) + 1);
  }
  const missing = order.items.reduce((sum, item) => sum + Math.max(0, item.quantity - (keysPerItem.get(item.id) ?? 0)), 0);
  const ready = isCompleted(cwsOrder.status) && missing === 0;

  await db.$transaction(async (tx) => {
    await tx.order.update({
      where: { id: orderId },
      data: {
        cwsOrderStatus: cwsOrder.status,
        lastPolledAt: now,
        ...(storedNow > 0 || ready ? { lastProgressAt: now } : {}),
        ...(ready ? { status: "COMPLETED", completedAt: now, needsAttention: false, attentionReason: null, attentionSince: null, lastError: null } : {}),
      },
    });
    if (storedNow > 0) {
      await recordOrderEvent(tx, orderId, "KEYS_STORED", `${storedNow} key${storedNow === 1 ? "" : "s"} received and stored encrypted${missing > 0 ? `; ${missing} still to come` : ""}`, {
        details: { stored: storedNow, missing, cwsStatus: cwsOrder.status },
      });
    } else if (cwsOrder.status !== order.cwsOrderStatus) {
      await recordOrderEvent(tx, orderId, "POLLED", `CWS order status is now ${cwsOrder.status}`, { details: { cwsStatus: cwsOrder.status, missing } });
    }
    if (ready) await recordOrderEvent(tx, orderId, "COMPLETED", "Every key is stored: G2A can collect them");
  });
  if (ready || storedNow > 0) notifyOrderChanged(orderId);
  return { status: ready ? "COMPLETED" : order.status, cwsStatus: cwsOrder.status, storedNow, missing, nextPollInMs: ready ? null : nextPollInMs };
}
