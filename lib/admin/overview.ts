import { currentBackupStatus } from "@/lib/backup/status";
import type { Db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { FulfillmentDeps } from "@/lib/fulfillment/deps";
import { checkCwsBalance, readKnownCwsBalance, type KnownCwsBalance } from "@/lib/fulfillment/maintenance";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import type { Logger } from "@/lib/logger";
import { isSellingPaused } from "@/lib/settings";

const HOUR_MS = 3_600_000;
const ATTENTION_SHOWN = 10;
const NOTIFICATIONS_SHOWN = 5;
/** A balance older than this is read again from CWS when the overview is opened. */
const BALANCE_FRESH_MS = 5 * 60_000;
/** That read is one short attempt: the page must not wait on a CWS that does not answer. */
const BALANCE_READ = { timeoutMs: 3_000, maxRetries: 0 };

/** One hour of the last 24: orders created in it, and the margin of those that completed. */
export type HourBucket = { hour: string; orders: number; completed: number; failed: number; marginCents: string };

/** The 24 hours up to `now`, oldest first, each starting on the hour. */
export function hourlyBuckets(
  orders: readonly {
    createdAt: Date;
    status: OrderStatus;
    saleTotalCents: bigint | null;
    costTotalCents: bigint | null;
  }[],
  now: Date,
): HourBucket[] {
  const firstHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
  const buckets = Array.from({ length: 24 }, (_, index) => ({
    hour: new Date(firstHour + index * HOUR_MS).toISOString(),
    orders: 0,
    completed: 0,
    failed: 0,
    margin: 0n,
  }));
  for (const order of orders) {
    const bucket = buckets[Math.floor((order.createdAt.getTime() - firstHour) / HOUR_MS)];
    if (!bucket) continue;
    bucket.orders++;
    if (order.status === "FAILED") bucket.failed++;
    if (order.status === "COMPLETED") {
      bucket.completed++;
      if (order.saleTotalCents !== null && order.costTotalCents !== null)
        bucket.margin += order.saleTotalCents - order.costTotalCents;
    }
  }
  return buckets.map(({ margin, ...bucket }) => ({ ...bucket, marginCents: margin.toString() }));
}

/**
 * The balance to show: the last one kept when it is recent, otherwise read from CWS now. CWS being
 * unreachable leaves the last known value, marked with the reason it could not be refreshed.
 */
async function currentBalance(
  deps: FulfillmentDeps,
  log: Logger,
): Promise<{ known: KnownCwsBalance | null; refreshError: string | null }> {
  const known = await readKnownCwsBalance(deps.db);
  if (known && deps.now().getTime() - Date.parse(known.at) < BALANCE_FRESH_MS) return { known, refreshError: null };
  try {
    await checkCwsBalance(deps, getEnv().CWS_LOW_BALANCE_EUR, BALANCE_READ);
    return { known: await readKnownCwsBalance(deps.db), refreshError: null };
  } catch (error) {
    log.warn({ err: error }, "could not read the CWS balance for the overview");
    return { known, refreshError: "CodesWholesale did not answer; showing the last known balance" };
  }
}

async function ordersByStatus(db: Db): Promise<Record<OrderStatus, number>> {
  const groups = await db.order.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries(Object.values(OrderStatus).map((status) => [status, 0])) as Record<
    OrderStatus,
    number
  >;
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

/** Everything the overview page shows, in one answer. */
export async function getOverview(deps: FulfillmentDeps, log: Logger) {
  const { db } = deps;
  const now = deps.now();
  const [byStatus, attentionCount, attention, lastDay, notifications, activeReservations, sellingPaused, balance] =
    await Promise.all([
      ordersByStatus(db),
      db.order.count({ where: { needsAttention: true } }),
      db.order.findMany({
        where: { needsAttention: true },
        orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
        take: ATTENTION_SHOWN,
        select: { id: true, g2aOrderId: true, status: true, attentionReason: true, updatedAt: true },
      }),
      db.order.findMany({
        where: { createdAt: { gte: new Date(now.getTime() - 24 * HOUR_MS) } },
        select: { createdAt: true, status: true, saleTotalCents: true, costTotalCents: true },
      }),
      db.g2aNotification.findMany({
        orderBy: { id: "desc" },
        take: NOTIFICATIONS_SHOWN,
        select: { id: true, receivedAt: true, notificationType: true, offerId: true, auctionId: true, message: true },
      }),
      db.reservation.count({ where: { status: "ACTIVE", expiresAt: { gt: now } } }),
      isSellingPaused(db),
      currentBalance(deps, log),
    ]);
  return {
    at: now.toISOString(),
    ordersByStatus: byStatus,
    needsAttention: {
      total: attentionCount,
      orders: attention.map((order) => ({ ...order, updatedAt: order.updatedAt.toISOString() })),
    },
    lastDay: hourlyBuckets(lastDay, now),
    cwsBalance: balance.known
      ? { ...balance.known, refreshError: balance.refreshError }
      : { refreshError: balance.refreshError ?? "Not read yet" },
    notifications: notifications.map((notification) => ({
      ...notification,
      receivedAt: notification.receivedAt.toISOString(),
    })),
    activeReservations,
    sellingPaused,
    backup: currentBackupStatus(now) ?? { error: "The backups folder could not be read" },
  };
}
export type Overview = Awaited<ReturnType<typeof getOverview>>;
