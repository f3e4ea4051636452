import { CwsError, type CwsErrorKind, type CwsOrder, type CwsOrderSummary, type PlaceOrderOutcome } from "@/lib/cws";
import type { Prisma } from "@/lib/db";
import type { CwsPlacementAttempt } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { StockSnapshots } from "@/lib/stock/snapshots";
import { pollCwsOrder } from "./collect-keys";
import type { FulfillmentDeps } from "./deps";
import { failOrder, flagNeedsAttention } from "./failure";
import { mergeLines } from "./order-codes";
import { recordOrderEvent } from "./order-events";
import { guardPrice } from "./price-guard";

type Tx = Prisma.TransactionClient;

/** What the workflow does next for an order's purchase. */
export type PlacementDecision =
  | { next: "poll" }
  | { next: "wait"; ms: number; reason: string }
  | { next: "stop"; status: OrderStatus; reason: string };

const MINUTE = 60_000;
const LOOKUP_RETRY_MS = [1, 2, 5, 10].map((minutes) => minutes * MINUTE);
const NOT_PROCESSED_RETRY_MS = [30_000, MINUTE, 2 * MINUTE, 5 * MINUTE];
const RETRY_AFTER_CAP_S = 30;
const MAX_QUICK_RATE_LIMIT_RESENDS = 3;

const wait = (ms: number, reason: string): PlacementDecision => ({ next: "wait", ms: Math.max(0, Math.round(ms)), reason });

/** Why CWS refused, in words for on-call staff (codeswholesale-v3.md §9.2). */
function refusalReason(reason: CwsErrorKind, httpStatus: number, cwsCode: string | null, message: string): string {
  switch (reason) {
    case "balance_too_low":
      return "CWS refused the purchase: the CWS balance is too low (code 10002). Top up the balance, then press Retry Fulfillment.";
    case "out_of_stock":
      return "CWS refused the purchase: not enough stock at CWS (code 310003). Nothing was bought.";
    case "product_not_found":
      return "CWS refused the purchase: it no longer sells this product (code 20001). Check the product mapping.";
    case "invalid_quantity":
      return "CWS refused the quantity (code 40002). Nothing was bought.";
    default:
      return `CWS refused the purchase (HTTP ${httpStatus}${cwsCode ? `, code ${cwsCode}` : ""}): ${message}`;
  }
}

/**
 * Records that CWS has the order (created by our attempt, or found again by the recovery search):
 * the CWS ids on the order, the prices actually charged, the units no longer held by us but taken
 * off the stock snapshot (§8.5), AWAITING_CODES. Runs inside the caller's transaction.
 */
async function adoptCwsOrder(tx: Tx, deps: FulfillmentDeps, orderId: string, attemptId: string, cwsOrder: CwsOrder, outcome: "CREATED" | "RECOVERED", httpStatus: number | null) {
  const now = deps.now();
  const items = await tx.orderItem.findMany({ where: { orderId } });
  const costOf = new Map(cwsOrder.products.map((line) => [line.productId, line.unitPriceCents]));
  await tx.cwsPlacementAttempt.update({ where: { id: attemptId }, data: { outcome, cwsOrderId: cwsOrder.orderId, finishedAt: now, httpStatus } });
  await tx.order.update({
    where: { id: orderId },
    data: {
      status: "AWAITING_CODES",
      cwsOrderId: cwsOrder.orderId,
      cwsOrderIdentifier: cwsOrder.identifier || null,
      cwsOrderStatus: cwsOrder.status,
      cwsOrderedAt: new Date(Date.parse(cwsOrder.createdOn) || now.getTime()),
      costTotalCents: cwsOrder.totalPriceCents,
      lastProgressAt: now,
      placementLeaseOwner: null,
      placementLeaseUntil: null,
    },
  });
  for (const item of items) {
    await tx.orderItem.update({ where: { id: item.id }, data: { holdsStock: false, unitCostCents: costOf.get(item.cwsProductId) ?? null } });
  }
  await StockSnapshots.subtractSold(tx, mergeLines(items));
}

/**
 * A purchase found in CWS's order history under our order id becomes the order's CWS order (the
 * earliest, when several exist, which also raises a critical duplicate alert); its keys are then
 * collected as for a purchase CWS answered.
 */
async function adoptFoundPurchase(
  deps: FulfillmentDeps,
  orderId: string,
  attemptId: string,
  found: { earliest: CwsOrderSummary; matches: CwsOrderSummary[] },
  message: string,
): Promise<PlacementDecision> {
  const cwsOrder = await deps.cws.getOrder(found.earliest.orderId, { timeoutMs: deps.config.cwsTimeoutMs });
  await deps.db.$transaction(async (tx) => {
    await adoptCwsOrder(tx, deps, orderId, attemptId, cwsOrder, "RECOVERED", null);
    await recordOrderEvent(tx, orderId, "RECOVERY", `${message}: ${cwsOrder.identifier || cwsOrder.orderId} (${cwsOrder.status})`, {
      details: { cwsOrderId: cwsOrder.orderId, matches: found.matches.length },
    });
  });
  if (found.matches.length > 1) {
    const ids = found.matches.map((match) => match.orderId).join(", ");
    await flagNeedsAttention(deps, orderId, `Duplicate CWS purchase suspected: CWS orders ${ids} carry this order's id`, { severity: "critical", alertKind: "duplicate-purchase" });
  }
  await pollCwsOrder(deps, orderId, cwsOrder);
  return { next: "poll" };
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

async function loadOrder(deps: FulfillmentDeps, orderId: string) {
  return deps.db.order.findUnique({
    where: { id: orderId },
    include: { items: { orderBy: { position: "asc" } }, attempts: { orderBy: { attemptNumber: "asc" } } },
  });
}

function attemptsOf(order: Loaded): CwsPlacementAttempt[] {
  return order.attempts.filter((attempt) => attempt.generation === order.placementGeneration);
}

/** Trailing attempts matching `predicate`: how many times in a row something happened. */
function streak(attempts: readonly CwsPlacementAttempt[], predicate: (attempt: CwsPlacementAttempt) => boolean): number {
  let count = 0;
  for (let i = attempts.length - 1; i >= 0 && predicate(attempts[i]!); i--) count++;
  return count;
}

/**
 * §11.6: an attempt whose outcome is unknown is searched for in CWS's order history by our order id,
 * 10 s after it and once more 30 s later; found, it is adopted; twice not found, it counts as not
 * created. A failing lookup keeps the outcome unknown and is retried after 1, 2, 5, then every 10 min.
 */
async function recover(deps: FulfillmentDeps, order: Loaded, attempt: CwsPlacementAttempt): Promise<PlacementDecision | null> {
  const { db, config } = deps;
  const now = deps.now();
  const dueAt = attempt.nextRecoveryAt ?? new Date((attempt.finishedAt ?? attempt.startedAt).getTime() + config.recoveryFirstWaitMs);
  if (now < dueAt) return wait(dueAt.getTime() - now.getTime(), "waiting to search CWS's order history");

  const firstAttempt = order.attempts[0] ?? attempt;
  let found;
  try {
    found = await deps.cws.findOrderByClientOrderId(order.id, firstAttempt.startedAt, { timeoutMs: config.cwsTimeoutMs });
  } catch (error) {
    if (!(error instanceof CwsError)) throw error;
    const delay = LOOKUP_RETRY_MS[Math.min(attempt.lookupFailures, LOOKUP_RETRY_MS.length - 1)]!;
    await db.cwsPlacementAttempt.update({ where: { id: attempt.id }, data: { lookupFailures: { increment: 1 }, nextRecoveryAt: new Date(now.getTime() + delay) } });
    await recordOrderEvent(db, order.id, "RECOVERY", `CWS's order history could not be read (${error.message}); trying again in ${Math.round(delay / 60_000)} min. Nothing is bought meanwhile.`);
    return wait(delay, "order history unreadable");
  }

  if (found.earliest) return adoptFoundPurchase(deps, order.id, attempt.id, { earliest: found.earliest, matches: found.matches }, "Found the purchase in CWS's order history");

  if (attempt.recoveryChecks === 0) {
    await db.cwsPlacementAttempt.update({ where: { id: attempt.id }, data: { recoveryChecks: 1, nextRecoveryAt: new Date(now.getTime() + config.recoverySecondWaitMs) } });
    await recordOrderEvent(db, order.id, "RECOVERY", `Not in CWS's order history yet; looking once more in ${Math.round(config.recoverySecondWaitMs / 1000)} s`);
    return wait(config.recoverySecondWaitMs, "second history search");
  }
  await db.$transaction(async (tx) => {
    await tx.cwsPlacementAttempt.update({ where: { id: attempt.id }, data: { outcome: "NOT_FOUND", recoveryChecks: 2, finishedAt: attempt.finishedAt ?? now } });
    await recordOrderEvent(tx, order.id, "RECOVERY", "Not in CWS's order history after two searches: the attempt did not create an order");
  });
  return null;
}

/**
 * A new round of attempts (staff retry) on an order whose earlier purchases had unclear outcomes
 * first looks in CWS's order history once more: CWS may have created the order after all.
 */
async function searchBeforeNewRound(deps: FulfillmentDeps, order: Loaded): Promise<PlacementDecision | null> {
  const unclear = order.attempts.filter((attempt) => attempt.outcome === null || attempt.outcome === "UNKNOWN" || attempt.outcome === "NOT_FOUND");
  const last = unclear.at(-1);
  if (!last || attemptsOf(order).length > 0) return null;
  let found;
  try {
    found = await deps.cws.findOrderByClientOrderId(order.id, order.attempts[0]!.startedAt, { timeoutMs: deps.config.cwsTimeoutMs });
  } catch (error) {
    if (!(error instanceof CwsError)) throw error;
    return wait(MINUTE, "order history unreadable before a new round");
  }
  if (!found.earliest) return null;
  return adoptFoundPurchase(deps, order.id, last.id, { earliest: found.earliest, matches: found.matches }, "Found an earlier purchase in CWS's order history; nothing new is bought");
}

/** Holds the order's placement lease (longer than a CWS request) so two runs never place at once. */
async function acquireLease(deps: FulfillmentDeps, orderId: string, owner: string): Promise<Date | null> {
  const now = deps.now();
  const until = new Date(now.getTime() + deps.config.placementLeaseMs);
  const { count } = await deps.db.order.updateMany({
    where: { id: orderId, OR: [{ placementLeaseUntil: null }, { placementLeaseUntil: { lt: now } }, { placementLeaseOwner: owner }] },
    data: { placementLeaseOwner: owner, placementLeaseUntil: until },
  });
  if (count === 1) return null;
  const current = await deps.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { placementLeaseUntil: true } });
  return current.placementLeaseUntil ?? now;
}

async function releaseLease(deps: FulfillmentDeps, orderId: string, owner: string): Promise<void> {
  await deps.db.order.updateMany({ where: { id: orderId, placementLeaseOwner: owner }, data: { placementLeaseOwner: null, placementLeaseUntil: null } });
}

/** Sends one purchase attempt, written to the ledger before it is sent and completed with its outcome after. */
async function placeOnce(deps: FulfillmentDeps, order: Loaded, owner: string, forceLiveRead: boolean): Promise<PlacementDecision> {
  const { db, config } = deps;
  const guard = await guardPrice(deps, order.id, order.items, { forceLiveRead });
  if (guard.kind === "later") return wait(30_000, guard.reason);
  if (guard.kind === "refuse") {
    await failOrder(deps, order.id, guard.reason, { alertKind: guard.alertKind });
    return { next: "stop", status: "FAILED", reason: guard.reason };
  }

  const attemptNumber = (attemptsOf(order).at(-1)?.attemptNumber ?? 0) + 1;
  const units = order.items.reduce((sum, item) => sum + item.quantity, 0);
  const attempt = await db.$transaction(async (tx) => {
    const now = deps.now();
    const row = await tx.cwsPlacementAttempt.create({
      data: { orderId: order.id, generation: order.placementGeneration, attemptNumber, requestBody: JSON.stringify(guard.request), startedAt: now },
    });
    await tx.order.update({ where: { id: order.id }, data: { status: "PLACING", cwsPlacementStartedAt: order.cwsPlacementStartedAt ?? now, lastProgressAt: now } });
    await recordOrderEvent(tx, order.id, "PLACEMENT_ATTEMPT", `Buying ${units} key${units === 1 ? "" : "s"} from CWS (attempt ${attemptNumber})`, {
      details: { attempt: attemptNumber, generation: order.placementGeneration, products: guard.request.products, allowPreOrder: guard.request.allowPreOrder },
    });
    return row;
  });

  const outcome = await deps.cws.placeOrder(guard.request, { timeoutMs: config.cwsTimeoutMs });
  return recordOutcome(deps, order, attempt, outcome);
}

async function recordOutcome(deps: FulfillmentDeps, order: Loaded, attempt: CwsPlacementAttempt, outcome: PlaceOrderOutcome): Promise<PlacementDecision> {
  const { db, config } = deps;
  const now = deps.now();
  const finish = (tx: Tx, data: Prisma.CwsPlacementAttemptUpdateInput) => tx.cwsPlacementAttempt.update({ where: { id: attempt.id }, data: { finishedAt: now, ...data } });

  switch (outcome.kind) {
    case "created": {
      await db.$transaction(async (tx) => {
        await adoptCwsOrder(tx, deps, order.id, attempt.id, outcome.order, "CREATED", outcome.httpStatus);
        await recordOrderEvent(tx, order.id, "PLACEMENT_OUTCOME", `CWS accepted the purchase: ${outcome.order.identifier || outcome.order.orderId} (${outcome.order.status})`, {
          details: { attempt: attempt.attemptNumber, cwsOrderId: outcome.order.orderId, cwsStatus: outcome.order.status, httpStatus: outcome.httpStatus },
        });
      });
      await pollCwsOrder(deps, order.id, outcome.order);
      return { next: "poll" };
    }
    case "refused": {
      const reason = refusalReason(outcome.reason, outcome.httpStatus, outcome.cwsCode, outcome.message);
      await db.$transaction(async (tx) => {
        await finish(tx, { outcome: "REFUSED", httpStatus: outcome.httpStatus, cwsErrorCode: outcome.cwsCode, message: outcome.message });
        await recordOrderEvent(tx, order.id, "PLACEMENT_OUTCOME", `CWS refused the purchase (HTTP ${outcome.httpStatus}${outcome.cwsCode ? `, code ${outcome.cwsCode}` : ""})`, {
          details: { attempt: attempt.attemptNumber, httpStatus: outcome.httpStatus, cwsCode: outcome.cwsCode, message: outcome.message },
        });
        await failOrder(deps, order.id, reason, { tx, alertKind: outcome.reason === "balance_too_low" ? "cws-balance-too-low" : "cws-refused" });
      });
      return { next: "stop", status: "FAILED", reason };
    }
    case "priceChanged": {
      const refusals = attemptsOf(order).filter((previous) => previous.outcome === "PRICE_REFUSED").length + 1;
      await db.$transaction(async (tx) => {
        await finish(tx, { outcome: "PRICE_REFUSED", httpStatus: outcome.httpStatus, cwsErrorCode: outcome.cwsCode, message: outcome.message });
        await recordOrderEvent(tx, order.id, "PLACEMENT_OUTCOME", `CWS refused the price (code ${outcome.cwsCode})${refusals === 1 ? "; reading the new price once" : ""}`, {
          details: { attempt: attempt.attemptNumber, cwsCode: outcome.cwsCode },
        });
      });
      if (refusals >= 2) {
        const reason = "CWS refused our price twice (its price list keeps moving). Nothing was bought; Retry Fulfillment reads the price again.";
        await failOrder(deps, order.id, reason, { alertKind: "price-changed" });
        return { next: "stop", status: "FAILED", reason };
      }
      return wait(0, "re-price once");
    }
    case "rateLimited": {
      const quick = streak(attemptsOf(order), (previous) => previous.retryAfterSeconds !== null) < MAX_QUICK_RATE_LIMIT_RESENDS;
      const retryAfter = outcome.retryAfterSeconds ?? 1;
      await db.$transaction(async (tx) => {
        await finish(tx, { outcome: "NOT_PROCESSED", httpStatus: 429, retryAfterSeconds: retryAfter, message: "rate limited" });
        await recordOrderEvent(tx, order.id, "PLACEMENT_OUTCOME", `CWS asked us to slow down (429); buying again in ${quick && retryAfter <= RETRY_AFTER_CAP_S ? retryAfter : Math.max(60, retryAfter)} s`);
      });
      return wait((quick && retryAfter <= RETRY_AFTER_CAP_S ? retryAfter : Math.max(60, retryAfter)) * 1000, "rate limited");
    }
    case "notProcessed": {
      const streakCount = streak(attemptsOf(order), (previous) => previous.outcome === "NOT_PROCESSED" && previous.retryAfterSeconds === null) + 1;
      const delay = NOT_PROCESSED_RETRY_MS[Math.min(streakCount - 1, NOT_PROCESSED_RETRY_MS.length - 1)]!;
      await db.$transaction(async (tx) => {
        await finish(tx, { outcome: "NOT_PROCESSED", message: outcome.message });
        await recordOrderEvent(tx, order.id, "PLACEMENT_OUTCOME", `The purchase was not sent: ${outcome.message}. Trying again in ${Math.round(delay / 1000)} s`);
      });
      if (streakCount >= 3) await flagNeedsAttention(deps, order.id, `CWS cannot be used to buy (${outcome.message}); check CWS credentials and status`);
      return wait(delay, "not processed");
    }
    case "unknown": {
      await db.$transaction(async (tx) => {
        await finish(tx, { outcome: "UNKNOWN", httpStatus: outcome.httpStatus, message: outcome.message, nextRecoveryAt: new Date(now.getTime() + config.recoveryFirstWaitMs) });
        await recordOrderEvent(tx, order.id, "PLACEMENT_OUTCOME", `No clear answer from CWS (${outcome.message}); searching its order history before anything else`, {
          details: { attempt: attempt.attemptNumber, httpStatus: outcome.httpStatus },
        });
      });
      return wait(config.recoveryFirstWaitMs, "outcome unknown");
    }
  }
}

/**
 * One step of an order's purchase, decided from what the database says now, so that a replaced or
 * resumed run picks up safely. The four layers of double-purchase protection (ARCHITECTURE §4):
 * an order with a CWS order is never bought again; an unknown outcome is searched for before
 * anything else; a new attempt needs the placement lease and is written to the ledger before it is
 * sent, with our order id as clientOrderId; keys are stored once per CWS code.
 */
export async function advancePlacement(deps: FulfillmentDeps, orderId: string, owner: string): Promise<PlacementDecision> {
  for (;;) {
    const order = await loadOrder(deps, orderId);
    if (!order) return { next: "stop", status: "FAILED", reason: "order not found" };
    if (order.status === "COMPLETED" || order.status === "FAILED") return { next: "stop", status: order.status, reason: `order is ${order.status}` };
    if (order.cwsOrderId) return { next: "poll" };

    const attempts = attemptsOf(order);
    const latest = attempts.at(-1);
    if (latest && (latest.outcome === null || latest.outcome === "UNKNOWN")) {
      const decision = await recover(deps, order, latest);
      if (decision) return decision;
      continue; // not created after all: decide again
    }
    if (latest?.outcome === "REFUSED") return { next: "stop", status: order.status, reason: "CWS refused the purchase" };

    const notFound = attempts.filter((attempt) => attempt.outcome === "NOT_FOUND").length;
    if (notFound >= deps.config.maxUnknownAttempts) {
      const reason = `Outcome unknown: ${notFound} purchase attempts got no clear answer and were not found in CWS's order history. Check CWS's panel, then Retry (searches again first) or Mark failed.`;
      await flagNeedsAttention(deps, orderId, reason, { alertKind: "outcome-unknown" });
      return { next: "stop", status: order.status, reason };
    }
    if (latest?.outcome === "NOT_PROCESSED" && latest.finishedAt) {
      const retryAt = latest.finishedAt.getTime() + (latest.retryAfterSeconds ?? 0) * 1000;
      if (retryAt > deps.now().getTime()) return wait(retryAt - deps.now().getTime(), "waiting before the next attempt");
    }

    const earlier = await searchBeforeNewRound(deps, order);
    if (earlier) return earlier;

    const busyUntil = await acquireLease(deps, orderId, owner);
    if (busyUntil) return wait(busyUntil.getTime() - deps.now().getTime() + 100, "another run holds the placement lease");
    try {
      return await placeOnce(deps, order, owner, latest?.outcome === "PRICE_REFUSED");
    } finally {
      await releaseLease(deps, orderId, owner);
    }
  }
}
