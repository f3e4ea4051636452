import { randomUUID } from "node:crypto";
import { resolveAlerts } from "@/lib/alerts";
import { CwsError, type CwsCode, type CwsOrder } from "@/lib/cws";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { inTransaction, reading } from "@/lib/stores";
import type { FulfillmentDeps } from "./deps";
import { fileTypeOf } from "./file-type";
import { keyContext } from "./inventory";
import { isCompleted, isTerminalFailure } from "@/lib/cws/order-status";
import { assignCodes } from "./order-codes";
import { failOrder } from "./failure";
import { recordOrderCompleted } from "@/lib/metrics/record";
import { notifyOrderChanged } from "./order-watch";
import { pollIntervalMs } from "./poll-schedule";

/** What one poll did; counts only, never a key. */
export type PollResult = {
  status: OrderStatus;
  cwsStatus: string | null;
  storedNow: number;
  missing: number;
  nextPollInMs: number | null;
};

type SealedKey = {
  kind: "TEXT" | "FILE";
  plaintext: Uint8Array | string;
  fileName: string | null;
  mimeType: string | null;
};

/** The deliverable form of a code, fetching an image's bytes (§11.10); null while it cannot be delivered yet. */
async function deliverable(deps: FulfillmentDeps, code: CwsCode): Promise<SealedKey | null> {
  switch (code.codeType) {
    case "CODE_TEXT":
      return code.code?.trim() ? { kind: "TEXT", plaintext: code.code.trim(), fileName: null, mimeType: null } : null;
    case "CODE_IMAGE": {
      try {
        const image = await deps.cws.fetchImageCode(code.codeId);
        return {
          kind: "FILE",
          plaintext: image.bytes,
          fileName: image.filename,
          mimeType: fileTypeOf(image.bytes, image.filename).mimeType,
        };
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
  const { order, stored } = await reading(db, (stores) => ({
    order: stores.orders.state(orderId),
    stored: stores.keys.storedCodeIds(orderId),
  }));
  if (!order) throw new Error(`order ${orderId} not found`);
  const settled: PollResult = {
    status: order.status,
    cwsStatus: order.cwsOrderStatus,
    storedNow: 0,
    missing: 0,
    nextPollInMs: null,
  };
  if (order.status === "COMPLETED" || order.status === "FAILED" || !order.cwsOrderId) return settled;

  const now = deps.now();
  const orderedAt = order.cwsOrderedAt ?? now;
  const nextPollInMs = pollIntervalMs(now.getTime() - orderedAt.getTime());
  let cwsOrder: CwsOrder;
  try {
    cwsOrder = known ?? (await deps.cws.getOrder(order.cwsOrderId));
  } catch (error) {
    if (!(error instanceof CwsError)) throw error;
    await inTransaction(db, (tx) => tx.orders.recordPoll(orderId, { cwsStatus: null, progressed: false }, now));
    deps.log.info({ orderId, reason: error.message }, "poll of CWS order failed; trying again at the next poll");
    return { ...settled, nextPollInMs };
  }

  if (isTerminalFailure(cwsOrder.status)) {
    const reason = `CWS reports order ${cwsOrder.identifier || order.cwsOrderId} as ${cwsOrder.status}: no keys will come. Check that CWS refunded the balance; an admin can buy again.`;
    await failOrder(deps, orderId, reason, {
      alertKind: "cws-order-failed",
      details: { cwsOrderId: order.cwsOrderId, cwsStatus: cwsOrder.status },
      alongside: (tx) => tx.orders.recordPoll(orderId, { cwsStatus: cwsOrder.status, progressed: false }, now),
    });
    return { ...settled, status: "FAILED", cwsStatus: cwsOrder.status };
  }

  let storedNow = 0;
  for (const { orderItemId, code } of assignCodes(
    order.items.map((item) => ({ id: item.id, cwsProductId: item.cwsProductId, quantity: item.quantity })),
    cwsOrder,
  )) {
    if (stored.has(code.codeId)) continue;
    const key = await deliverable(deps, code);
    if (!key) continue;
    const id = randomUUID();
    const sealed = deps.vault.seal(key.plaintext, keyContext(id));
    // Each key is committed as soon as it is sealed; a code another poll stored first is left as it is.
    const inserted = await inTransaction(db, (tx) =>
      tx.keys.insert(
        {
          id,
          orderId,
          orderItemId,
          cwsCodeId: code.codeId,
          kind: key.kind,
          sealed,
          fileName: key.fileName,
          mimeType: key.mimeType,
        },
        deps.now(),
      ),
    );
    stored.add(code.codeId);
    if (inserted) storedNow++;
  }

  const { missing, ready, completes } = await inTransaction(db, (tx) => {
    const keysPerItem = tx.keys.countPerLine(orderId);
    const missing = order.items.reduce(
      (sum, item) => sum + Math.max(0, item.quantity - (keysPerItem.get(item.id) ?? 0)),
      0,
    );
    const ready = isCompleted(cwsOrder.status) && missing === 0;
    tx.orders.recordPoll(orderId, { cwsStatus: cwsOrder.status, progressed: storedNow > 0 || ready }, now);
    if (storedNow > 0) {
      tx.orders.note(
        orderId,
        {
          type: "KEYS_STORED",
          message: `${storedNow} key${storedNow === 1 ? "" : "s"} received and stored encrypted${missing > 0 ? `; ${missing} still to come` : ""}`,
          details: { stored: storedNow, missing, cwsStatus: cwsOrder.status },
        },
        now,
      );
    } else if (cwsOrder.status !== order.cwsOrderStatus) {
      tx.orders.note(
        orderId,
        {
          type: "POLLED",
          message: `CWS order status is now ${cwsOrder.status}`,
          details: { cwsStatus: cwsOrder.status, missing },
        },
        now,
      );
    }
    // Another poll (the run's, the cron's) may have completed it first.
    const completes = ready && tx.orders.status(orderId) === "AWAITING_CODES";
    if (completes)
      tx.orders.transition(
        orderId,
        { to: "COMPLETED", event: { type: "COMPLETED", message: "Every key is stored: G2A can collect them" } },
        now,
      );
    return { missing, ready, completes };
  });
  if (completes) recordOrderCompleted(order.createdAt, now);
  // Resolved first: a page told the order changed finds its alerts resolved too.
  if (ready) await resolveAlerts(db, { kind: "order", orderId }, "The order completed: every key is stored");
  if (ready || storedNow > 0) notifyOrderChanged(orderId);
  return {
    status: ready ? "COMPLETED" : order.status,
    cwsStatus: cwsOrder.status,
    storedNow,
    missing,
    nextPollInMs: ready ? null : nextPollInMs,
  };
}
