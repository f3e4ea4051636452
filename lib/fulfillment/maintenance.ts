import { raiseAlert, resolveAlerts } from "@/lib/alerts";
import type { CallOptions } from "@/lib/cws";
import type { Db } from "@/lib/db";
import { formatEuros, g2aPriceSchema } from "@/lib/g2a/money";
import { requestOfferPass } from "@/lib/offers/requests";
import { readSetting, saveSetting } from "@/lib/settings";
import { inTransaction } from "@/lib/stores";
import { pollCwsOrder } from "./collect-keys";
import type { FulfillmentDeps } from "./deps";
import { flagNeedsAttention } from "./failure";
import { nextPollAt, RUN_POLL_WINDOW_MS } from "./poll-schedule";

const BATCH = 50;

/** Stores EXPIRED on ACTIVE reservations whose time ran out (the clock already stopped their holds). */
export async function expireReservations(deps: FulfillmentDeps): Promise<{ expired: number }> {
  const expired = await inTransaction(deps.db, (tx) => tx.reservations.expire(deps.now()));
  return { expired };
}

/**
 * Continues the poll schedule of §11.9 for orders whose run window has passed (pre-orders can
 * take weeks): every AWAITING_CODES order bought over 30 minutes ago whose next poll is due.
 */
export async function pollAwaitingOrders(deps: FulfillmentDeps): Promise<{ polled: number; completed: number }> {
  const now = deps.now();
  const candidates = await deps.db.order.findMany({
    where: { status: "AWAITING_CODES", cwsOrderedAt: { lte: new Date(now.getTime() - RUN_POLL_WINDOW_MS) } },
    select: { id: true, cwsOrderedAt: true, lastPolledAt: true },
    orderBy: { lastPolledAt: "asc" },
    take: BATCH * 4,
  });
  const due = candidates
    .filter((order) => order.cwsOrderedAt && nextPollAt(order.cwsOrderedAt, order.lastPolledAt) <= now)
    .slice(0, BATCH);
  let completed = 0;
  for (const order of due) {
    const result = await pollCwsOrder(deps, order.id);
    if (result.status === "COMPLETED") completed++;
  }
  return { polled: due.length, completed };
}

/**
 * Orders nobody works on a minute after they were made: no run, and no placement lease held. A crash
 * fell between committing the order and sending its event, or during the purchase made in the request
 * (PLACING, or AWAITING_CODES before its keys were stored). Their ids, to send the event again.
 */
export async function ordersWaitingForARun(deps: FulfillmentDeps): Promise<string[]> {
  const now = deps.now();
  const rows = await deps.db.order.findMany({
    where: {
      status: { in: ["PENDING", "PLACING", "AWAITING_CODES"] },
      workflowRunId: null,
      createdAt: { lte: new Date(now.getTime() - 60_000) },
      OR: [{ placementLeaseUntil: null }, { placementLeaseUntil: { lt: now } }],
    },
    select: { id: true },
    take: BATCH,
  });
  return rows.map((row) => row.id);
}

/**
 * Flags orders for a person: no progress for STUCK_ORDER_MINUTES, or bought but without keys past
 * CWS_NOT_READY_ALERT_MIN (pre-orders: past their release date). Time alone never fails an order.
 */
export async function flagStuckOrders(deps: FulfillmentDeps): Promise<{ flagged: number }> {
  const now = deps.now().getTime();
  const { stuckOrderMs, notReadyAlertMs } = deps.config;
  const stuck = await deps.db.order.findMany({
    where: {
      status: { in: ["PENDING", "PLACING", "AWAITING_CODES"] },
      needsAttention: false,
      lastProgressAt: { lte: new Date(now - stuckOrderMs) },
    },
    select: { id: true, status: true },
    take: BATCH,
  });
  for (const order of stuck) {
    await flagNeedsAttention(
      deps,
      order.id,
      `Stuck: no progress for ${Math.round(stuckOrderMs / 60_000)} minutes while ${order.status}. Retry Fulfillment is safe.`,
      { alertKind: "stuck" },
    );
  }
  const late = await deps.db.order.findMany({
    where: { status: "AWAITING_CODES", needsAttention: false, cwsOrderedAt: { lte: new Date(now - notReadyAlertMs) } },
    select: { id: true, items: { select: { cwsProductId: true } } },
    take: BATCH,
  });
  let flagged = stuck.length;
  for (const order of late) {
    const snapshots = await deps.db.cwsProductSnapshot.findMany({
      where: { cwsProductId: { in: order.items.map((item) => item.cwsProductId) } },
      select: { releaseDate: true },
    });
    if (snapshots.some((snapshot) => snapshot.releaseDate && snapshot.releaseDate.getTime() > now)) continue; // a pre-order waits for its release
    await flagNeedsAttention(
      deps,
      order.id,
      `Keys late: CWS has not delivered every key ${Math.round(notReadyAlertMs / 60_000)} minutes after the purchase`,
      { alertKind: "keys-late" },
    );
    flagged++;
  }
  return { flagged };
}

const BALANCE_SETTING = "cwsBalance";

/** The CWS balance as the last balance check saw it, for the dashboard. */
export type KnownCwsBalance = { totalToUseCents: string; balanceCents: string; low: boolean; at: string };

/** The last balance `checkCwsBalance` kept, or null before the first check. */
export async function readKnownCwsBalance(db: Db): Promise<KnownCwsBalance | null> {
  const value = await readSetting(db, BALANCE_SETTING);
  return value === null ? null : (JSON.parse(value) as KnownCwsBalance);
}

const DAY_MS = 86_400_000;

/** How long the balance lasts at the last 24 hours' spend on CWS purchases, in words. */
async function runway(deps: FulfillmentDeps, balanceCents: bigint): Promise<string> {
  const spent = await deps.db.order.aggregate({
    _sum: { costTotalCents: true },
    where: { cwsOrderedAt: { gte: new Date(deps.now().getTime() - DAY_MS) } },
  });
  const spentCents = spent._sum.costTotalCents ?? 0n;
  if (spentCents <= 0n) return "Nothing was bought in the last 24 hours, so there is no spend to measure a runway by.";
  const hours = Number((balanceCents * 24n * 100n) / spentCents) / 100;
  const lasts =
    hours < 1
      ? "less than an hour"
      : hours < 48
        ? `about ${Math.floor(hours)} hours`
        : `about ${Math.floor(hours / 24)} days`;
  return `At the last 24 hours' spend (€${formatEuros(spentCents)}) it lasts ${lasts}.`;
}

/** Reads the CWS balance (§11.11), keeps it for the dashboard and health, and alerts when it runs low. */
export async function checkCwsBalance(
  deps: FulfillmentDeps,
  lowBalanceEur: string,
  call: CallOptions = {},
): Promise<{ totalToUseCents: string; low: boolean }> {
  const account = await deps.cws.getAccount(call);
  const before = await readKnownCwsBalance(deps.db);
  const low = account.totalToUseCents < g2aPriceSchema.parse(lowBalanceEur);
  const known: KnownCwsBalance = {
    totalToUseCents: account.totalToUseCents.toString(),
    balanceCents: account.balanceCents.toString(),
    low,
    at: deps.now().toISOString(),
  };
  await saveSetting(deps.db, BALANCE_SETTING, JSON.stringify(known));
  // How many units each offer may declare depends on what the balance can buy.
  if (before?.totalToUseCents !== known.totalToUseCents)
    await requestOfferPass(deps.db, deps.log, "the CWS balance changed");
  const threshold = `€${formatEuros(g2aPriceSchema.parse(lowBalanceEur))}`;
  if (low)
    await raiseAlert(deps.db, {
      type: "cws-balance-low",
      subject: { kind: "cws-account" },
      message: `CWS balance is low: €${formatEuros(account.totalToUseCents)} left to spend (alert below ${threshold}). ${await runway(deps, account.totalToUseCents)} Top up the CWS account.`,
      details: { totalToUseCents: account.totalToUseCents, thresholdEur: lowBalanceEur },
    });
  else
    await resolveAlerts(
      deps.db,
      { kind: "cws-account" },
      `The CWS balance is €${formatEuros(account.totalToUseCents)} again, above ${threshold}`,
      ["cws-balance-low"],
    );
  return { totalToUseCents: account.totalToUseCents.toString(), low };
}

/** Refreshes the stock snapshots of every mapped CWS product, 50 per request (§11.12). */
export async function syncMappedProducts(deps: FulfillmentDeps): Promise<{ products: number }> {
  const mapped = await deps.db.productMapping.findMany({
    where: { enabled: true },
    select: { cwsProductId: true },
    distinct: ["cwsProductId"],
  });
  const ids = mapped.map((mapping) => mapping.cwsProductId);
  if (ids.length > 0)
    await deps.stock.refresh(ids, { timeoutMs: deps.config.cwsTimeoutMs, maxRetries: deps.config.cwsGetMaxRetries });
  return { products: ids.length };
}
