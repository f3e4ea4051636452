import { z } from "zod";
import { pageQuerySchema, pageWindow } from "@/lib/admin/paging";
import type { Actor } from "@/lib/audit";
import type { Role } from "@/lib/auth/roles";
import type { KeyVault } from "@/lib/crypto";
import type { Db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { keyContext } from "@/lib/fulfillment/inventory";
import { readOrderFacts } from "@/lib/fulfillment/staff-actions";
import { canonicalG2aId, isUuid } from "@/lib/g2a/ids";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import { STAFF_ACTION_ROLE, staffActionVerdict, staffActions } from "@/lib/orders/allowed-actions";
import { requireRole } from "@/lib/auth/roles";
import { inTransaction } from "@/lib/stores";

/** Query of the orders list: server-side pages, filters by status and creation date, exact search. */
export const orderListQuerySchema = z
  .object({
    status: z.enum(OrderStatus).optional(),
    needsAttention: z.enum(["true", "false"]).optional(),
    from: z.iso.date({ error: "must be a date such as 2026-11-22" }).optional(),
    to: z.iso.date({ error: "must be a date such as 2026-11-22" }).optional(),
    q: z.string().trim().max(64).optional(),
  })
  .extend(pageQuerySchema.shape);
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

const money = (cents: bigint | null) => (cents === null ? null : cents.toString());

/** Search by our order id, the G2A order id or the CWS order id: each an exact, indexed lookup. */
function searchCondition(q: string): Prisma.OrderWhereInput {
  if (isUuid(q)) return { OR: [{ id: q.toLowerCase() }, { cwsOrderId: q.toLowerCase() }] };
  const g2aOrderId = canonicalG2aId(q);
  if (g2aOrderId) return { g2aOrderId };
  return { cwsOrderIdentifier: q };
}

export async function listOrders(db: Db, query: OrderListQuery) {
  const where: Prisma.OrderWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.needsAttention ? { needsAttention: query.needsAttention === "true" } : {}),
    ...(query.from || query.to
      ? {
          createdAt: {
            ...(query.from ? { gte: new Date(`${query.from}T00:00:00.000Z`) } : {}),
            ...(query.to ? { lte: new Date(`${query.to}T23:59:59.999Z`) } : {}),
          },
        }
      : {}),
    ...(query.q ? searchCondition(query.q) : {}),
  };
  const [rows, total] = await Promise.all([
    db.order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageWindow(query),
      select: {
        id: true,
        g2aOrderId: true,
        status: true,
        needsAttention: true,
        attentionReason: true,
        cwsOrderId: true,
        cwsOrderIdentifier: true,
        saleTotalCents: true,
        costTotalCents: true,
        lastError: true,
        createdAt: true,
        updatedAt: true,
        items: { select: { quantity: true } },
      },
    }),
    db.order.count({ where }),
  ]);
  return {
    items: rows.map(({ items, saleTotalCents, costTotalCents, createdAt, updatedAt, ...row }) => ({
      ...row,
      units: items.reduce((sum, item) => sum + item.quantity, 0),
      saleTotalCents: money(saleTotalCents),
      costTotalCents: money(costTotalCents),
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
    })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}

/**
 * Everything the order page shows: ids, lines with prices and margin, keys masked, timeline,
 * purchase attempts, run, and the staff actions this role may take (the page shows exactly those).
 */
export async function getOrderDetail(db: Db, orderId: string, role: Role) {
  const order = await db.order.findUnique({
    where: { id: orderId },
    include: {
      items: { orderBy: { position: "asc" }, include: { keys: { orderBy: [{ storedAt: "asc" }, { id: "asc" }] } } },
      events: { orderBy: { id: "asc" } },
      attempts: { orderBy: [{ generation: "asc" }, { attemptNumber: "asc" }] },
    },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  const run = order.workflowRunId
    ? await db.workflowRun.findUnique({
        where: { id: order.workflowRunId },
        select: { id: true, status: true, attempt: true, lastError: true, startedAt: true, endedAt: true },
      })
    : null;
  const keyCount = order.items.reduce((sum, item) => sum + item.keys.length, 0);
  return {
    id: order.id,
    g2aOrderId: order.g2aOrderId,
    reservationId: order.reservationId,
    status: order.status,
    needsAttention: order.needsAttention,
    attentionReason: order.attentionReason,
    lastError: order.lastError,
    cws: {
      orderId: order.cwsOrderId,
      identifier: order.cwsOrderIdentifier,
      status: order.cwsOrderStatus,
      orderedAt: order.cwsOrderedAt?.toISOString() ?? null,
      archivedOrderIds: order.archivedCwsOrderIds ? (JSON.parse(order.archivedCwsOrderIds) as string[]) : [],
    },
    saleTotalCents: money(order.saleTotalCents),
    costTotalCents: money(order.costTotalCents),
    createdAt: order.createdAt.toISOString(),
    completedAt: order.completedAt?.toISOString() ?? null,
    failedAt: order.failedAt?.toISOString() ?? null,
    workflow: { runId: order.workflowRunId, phase: order.workflowPhase, run },
    items: order.items.map((item) => ({
      id: item.id,
      g2aProductId: item.g2aProductId,
      cwsProductId: item.cwsProductId,
      quantity: item.quantity,
      unitPriceCents: money(item.unitPriceCents),
      unitCostCents: money(item.unitCostCents ?? item.quotedCostCents),
      costIsFinal: item.unitCostCents !== null,
      marginCents:
        item.unitPriceCents !== null ? money(item.unitPriceCents - (item.unitCostCents ?? item.quotedCostCents)) : null,
      keys: item.keys.map((key) => ({
        id: key.id,
        kind: key.kind,
        status: key.status,
        // Nothing of the value is shown (not even its last characters) until an admin reveals it.
        masked: key.kind === "TEXT" ? "••••-••••-••••" : "image file",
        storedAt: key.storedAt.toISOString(),
        firstDeliveredAt: key.firstDeliveredAt?.toISOString() ?? null,
        returnedAt: key.returnedAt?.toISOString() ?? null,
      })),
    })),
    timeline: order.events.map((event) => ({
      id: event.id,
      type: event.type,
      message: event.message,
      actor: event.actor,
      details: event.details ? (JSON.parse(event.details) as unknown) : null,
      at: event.createdAt.toISOString(),
    })),
    actions: staffActions({ ...order, keyCount }, role),
    attempts: order.attempts.map((attempt) => ({
      generation: attempt.generation,
      attemptNumber: attempt.attemptNumber,
      outcome: attempt.outcome,
      httpStatus: attempt.httpStatus,
      cwsErrorCode: attempt.cwsErrorCode,
      message: attempt.message,
      cwsOrderId: attempt.cwsOrderId,
      startedAt: attempt.startedAt.toISOString(),
      finishedAt: attempt.finishedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * An ADMIN reveals one key on purpose: the value is returned once, and who, when, from where and
 * why goes to the order's timeline and the audit log (never the value itself).
 */
export async function revealKey(
  db: Db,
  vault: KeyVault,
  keyId: string,
  reason: string,
  actor: Actor,
  now = new Date(),
): Promise<{ keyId: string; kind: "TEXT" | "FILE"; value: string; mimeType: string | null }> {
  requireRole(actor, STAFF_ACTION_ROLE.revealKey);
  const key = await db.key.findUnique({ where: { id: keyId } });
  if (!key) throw new AppError("NOT_FOUND", "Key not found");
  const bytes = Buffer.from(vault.open(key.sealed, keyContext(key.id)));
  await inTransaction(db, (tx) => {
    const verdict = staffActionVerdict(readOrderFacts(tx, key.orderId)!, actor.role, "revealKey");
    if (!verdict.allowed) throw new AppError(verdict.code, verdict.reason);

    tx.orders.note(
      key.orderId,
      {
        type: "KEY_REVEALED",
        message: `${actor.email} revealed key ${key.id}: ${reason}`,
        actor: actor.email,
        details: { keyId: key.id },
      },
      now,
    );
    tx.audit.record(
      actor,
      { action: "key.reveal", targetType: "key", targetId: key.id, reason, details: { orderId: key.orderId } },
      now,
    );
  });
  return {
    keyId: key.id,
    kind: key.kind,
    value: key.kind === "TEXT" ? bytes.toString("utf8").trim() : bytes.toString("base64"),
    mimeType: key.mimeType,
  };
}
