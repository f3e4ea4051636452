import { randomUUID } from "node:crypto";
import { CwsError, type CwsErrorKind, type CwsOrder, type CwsOrderSummary, type PlaceOrderOutcome } from "@/lib/cws";
import type { CwsPlacementAttempt } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import type { AttemptOutcome } from "@/lib/orders/attempt-store";
import { isUnresolved, mayHaveBought } from "@/lib/orders/lifecycle";
import type { OrderState } from "@/lib/orders/order-store";
import type { TimelineEntry } from "@/lib/orders/timeline-store";
import { inTransaction, reading, type Stores } from "@/lib/stores";
import { pollCwsOrder, type PollResult } from "./collect-keys";
import type { FulfillmentDeps } from "./deps";
import { failOrder, flagNeedsAttention } from "./failure";
import { mergeLines } from "./order-codes";
import { guardPrice } from "./price-guard";

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

/** After the purchase's own answer was collected: done when it held every key (an instant product), else poll. */
function afterCollecting(polled: PollResult): PlacementDecision {
  return polled.status === "COMPLETED"
    ? { next: "stop", status: "COMPLETED", reason: "every key is stored" }
    : { next: "poll" };
}

const wait = (ms: number, reason: string): PlacementDecision => ({
  next: "wait",
  ms: Math.max(0, Math.round(ms)),
  reason,
});

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
 * off the stock snapshot (§8.5), AWAITING_CODES, with the timeline entry that says so.
 */
function adoptCwsOrder(
  tx: Stores,
  orderId: string,
  attemptId: string,
  cwsOrder: CwsOrder,
  adopted: { outcome: "CREATED" | "RECOVERED"; httpStatus: number | null; event: TimelineEntry },
  now: Date,
): string[] {
  const items = tx.orders.state(orderId)?.items ?? [];
  const costOf = new Map(cwsOrder.products.map((line) => [line.productId, line.unitPriceCents]));
  tx.attempts.adopt(
    attemptId,
    { outcome: adopted.outcome, cwsOrderId: cwsOrder.orderId, httpStatus: adopted.httpStatus },
    now,
  );
  tx.orders.transition(
    orderId,
    {
      to: "AWAITING_CODES",
      cwsOrder: {
        orderId: cwsOrder.orderId,
        identifier: cwsOrder.identifier || null,
        status: cwsOrder.status,
        orderedAt: new Date(Date.parse(cwsOrder.createdOn) || now.getTime()),
        totalCents: cwsOrder.totalPriceCents,
      },
      unitCostByItem: new Map(items.map((item) => [item.id, costOf.get(item.cwsProductId) ?? null])),
      event: adopted.event,
    },
    now,
  );
  // The CWS products whose stock this purchase emptied: their G2A offers follow.
  return tx.snapshots.subtractSold(mergeLines(items), now);
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
  const emptied = await inTransaction(deps.db, (tx) =>
    adoptCwsOrder(
      tx,
      orderId,
      attemptId,
      cwsOrder,
      {
        outcome: "RECOVERED",
        httpStatus: null,
        event: {
          type: "RECOVERY",
          message: `${message}: ${cwsOrder.identifier || cwsOrder.orderId} (${cwsOrder.status})`,
          details: { cwsOrderId: cwsOrder.orderId, matches: found.matches.length },
        },
      },
      deps.now(),
    ),
  );
  deps.stock.announce(emptied);
  if (found.matches.length > 1) {
    const ids = found.matches.map((match) => match.orderId).join(", ");
    await flagNeedsAttention(
      deps,
      orderId,
      `Duplicate CWS purchase suspected: CWS orders ${ids} carry this order's id`,
      { severity: "critical", alertKind: "duplicate-purchase" },
    );
  }
  return afterCollecting(await pollCwsOrder(deps, orderId, cwsOrder));
}

type Loaded = OrderState & { attempts: CwsPlacementAttempt[] };

function loadOrder(deps: FulfillmentDeps, orderId: string): Promise<Loaded | undefined> {
  return reading(deps.db, (stores) => {
    const order = stores.orders.state(orderId);
    return order && { ...order, attempts: stores.attempts.list(orderId) };
  });
}

function attemptsOf(order: Loaded): CwsPlacementAttempt[] {
  return order.attempts.filter((attempt) => attempt.generation === order.placementGeneration);
}

/** Trailing attempts matching `predicate`: how many times in a row something happened. */
function streak(
  attempts: readonly CwsPlacementAttempt[],
  predicate: (attempt: CwsPlacementAttempt) => boolean,
): number {
  let count = 0;
  for (let i = attempts.length - 1; i >= 0 && predicate(attempts[i]!); i--) count++;
  return count;
}

/**
 * §11.6: an attempt whose outcome is unknown is searched for in CWS's order history by our order id,
 * 10 s after it and once more 30 s later; found, it is adopted; twice not found, it counts as not
 * created. A failing lookup keeps the outcome unknown and is retried after 1, 2, 5, then every 10 min.
 */
async function recover(
  deps: FulfillmentDeps,
  order: Loaded,
  attempt: CwsPlacementAttempt,
): Promise<PlacementDecision | null> {
  const { config } = deps;
  const now = deps.now();
  const dueAt =
    attempt.nextRecoveryAt ??
    new Date((attempt.finishedAt ?? attempt.startedAt).getTime() + config.recoveryFirstWaitMs);
  if (now < dueAt) return wait(dueAt.getTime() - now.getTime(), "waiting to search CWS's order history");

  const firstAttempt = order.attempts[0] ?? attempt;
  let found;
  try {
    found = await deps.cws.findOrderByClientOrderId(order.id, firstAttempt.startedAt, {
      timeoutMs: config.cwsTimeoutMs,
    });
  } catch (error) {
    if (!(error instanceof CwsError)) throw error;
    const delay = LOOKUP_RETRY_MS[Math.min(attempt.lookupFailures, LOOKUP_RETRY_MS.length - 1)]!;
    const reason = error.message;
    await inTransaction(deps.db, (tx) => {
      tx.attempts.recordLookupFailure(attempt.id, new Date(now.getTime() + delay));
      tx.orders.note(
        order.id,
        {
          type: "RECOVERY",
          message: `CWS's order history could not be read (${reason}); trying again in ${Math.round(delay / 60_000)} min. Nothing is bought meanwhile.`,
        },
        now,
      );
    });
    return wait(delay, "order history unreadable");
  }

  if (found.earliest)
    return adoptFoundPurchase(
      deps,
      order.id,
      attempt.id,
      { earliest: found.earliest, matches: found.matches },
      "Found the purchase in CWS's order history",
    );

  if (attempt.recoveryChecks === 0) {
    await inTransaction(deps.db, (tx) => {
      tx.attempts.recordFirstMiss(attempt.id, new Date(now.getTime() + config.recoverySecondWaitMs));
      tx.orders.note(
        order.id,
        {
          type: "RECOVERY",
          message: `Not in CWS's order history yet; looking once more in ${Math.round(config.recoverySecondWaitMs / 1000)} s`,
        },
        now,
      );
    });
    return wait(config.recoverySecondWaitMs, "second history search");
  }
  await inTransaction(deps.db, (tx) => {
    tx.attempts.markNotFound(attempt.id, attempt.finishedAt ?? now);
    tx.orders.note(
      order.id,
      {
        type: "RECOVERY",
        message: "Not in CWS's order history after two searches: the attempt did not create an order",
      },
      now,
    );
  });
  return null;
}

/**
 * A new round of attempts (staff retry) on an order whose earlier purchases had unclear outcomes
 * first looks in CWS's order history once more: CWS may have created the order after all.
 */
async function searchBeforeNewRound(deps: FulfillmentDeps, order: Loaded): Promise<PlacementDecision | null> {
  const unclear = order.attempts.filter((attempt) => mayHaveBought(attempt.outcome));
  const last = unclear.at(-1);
  if (!last || attemptsOf(order).length > 0) return null;
  if (order.status === "PENDING") {
    // The search is the purchase's first step: a purchase it finds is adopted from PLACING.
    const event: TimelineEntry = {
      type: "RECOVERY",
      message: "Looking in CWS's order history for an earlier purchase before buying again",
    };
    await inTransaction(deps.db, (tx) => tx.orders.transition(order.id, { to: "PLACING", event }, deps.now()));
  }
  let found;
  try {
    found = await deps.cws.findOrderByClientOrderId(order.id, order.attempts[0]!.startedAt, {
      timeoutMs: deps.config.cwsTimeoutMs,
    });
  } catch (error) {
    if (!(error instanceof CwsError)) throw error;
    return wait(MINUTE, "order history unreadable before a new round");
  }
  if (!found.earliest) return null;
  return adoptFoundPurchase(
    deps,
    order.id,
    last.id,
    { earliest: found.earliest, matches: found.matches },
    "Found an earlier purchase in CWS's order history; nothing new is bought",
  );
}

/** Holds the order's placement lease (longer than a CWS request) so two runs never place at once. */
function acquireLease(deps: FulfillmentDeps, orderId: string, owner: string): Promise<Date | null> {
  return inTransaction(deps.db, (tx) => {
    const now = deps.now();
    return tx.orders.takePlacementLease(orderId, owner, new Date(now.getTime() + deps.config.placementLeaseMs), now);
  });
}

async function releaseLease(deps: FulfillmentDeps, orderId: string, owner: string): Promise<void> {
  await inTransaction(deps.db, (tx) => tx.orders.releasePlacementLease(orderId, owner, deps.now()));
}

/** Sends one purchase attempt, written to the ledger before it is sent and completed with its outcome after. */
async function placeOnce(deps: FulfillmentDeps, order: Loaded, forceLiveRead: boolean): Promise<PlacementDecision> {
  const { config } = deps;
  const guard = await guardPrice(deps, order.id, order.items, { forceLiveRead });
  if (guard.kind === "later") return wait(30_000, guard.reason);
  if (guard.kind === "refuse") {
    await failOrder(deps, order.id, guard.reason, { alertKind: guard.alertKind });
    return { next: "stop", status: "FAILED", reason: guard.reason };
  }

  const attemptNumber = (attemptsOf(order).at(-1)?.attemptNumber ?? 0) + 1;
  const units = order.items.reduce((sum, item) => sum + item.quantity, 0);
  const attempt = await inTransaction(deps.db, (tx): CwsPlacementAttempt => {
    const now = deps.now();
    const started = tx.attempts.start({
      id: randomUUID(),
      orderId: order.id,
      generation: order.placementGeneration,
      attemptNumber,
      requestBody: JSON.stringify(guard.request),
      startedAt: now,
    });
    const event: TimelineEntry = {
      type: "PLACEMENT_ATTEMPT",
      message: `Buying ${units} key${units === 1 ? "" : "s"} from CWS (attempt ${attemptNumber})`,
      details: {
        attempt: attemptNumber,
        generation: order.placementGeneration,
        products: guard.request.products,
        allowPreOrder: guard.request.allowPreOrder,
      },
    };
    if (tx.orders.status(order.id) === "PENDING") {
      tx.orders.transition(order.id, { to: "PLACING", event }, now);
    } else {
      tx.orders.recordPlacementProgress(order.id, now);
      tx.orders.note(order.id, event, now);
    }
    return started;
  });

  const outcome = await deps.cws.placeOrder(guard.request, { timeoutMs: config.cwsTimeoutMs });
  return recordOutcome(deps, order, attempt, outcome);
}

async function recordOutcome(
  deps: FulfillmentDeps,
  order: Loaded,
  attempt: CwsPlacementAttempt,
  outcome: PlaceOrderOutcome,
): Promise<PlacementDecision> {
  const { db, config } = deps;
  const now = deps.now();
  // The attempt's outcome and the timeline's word on it, in one transaction.
  const settle = (tx: Stores, fields: AttemptOutcome, message: string, details?: Record<string, unknown>) => {
    tx.attempts.finish(attempt.id, now, fields);
    tx.orders.note(order.id, { type: "PLACEMENT_OUTCOME", message, details }, now);
  };
  const refusal = outcome.kind === "refused" || outcome.kind === "priceChanged" ? outcome : null;
  const refusalFields = refusal && {
    httpStatus: refusal.httpStatus,
    cwsErrorCode: refusal.cwsCode,
    message: refusal.message,
  };

  switch (outcome.kind) {
    case "created": {
      const cwsOrder = outcome.order;
      const event: TimelineEntry = {
        type: "PLACEMENT_OUTCOME",
        message: `CWS accepted the purchase: ${cwsOrder.identifier || cwsOrder.orderId} (${cwsOrder.status})`,
        details: {
          attempt: attempt.attemptNumber,
          cwsOrderId: cwsOrder.orderId,
          cwsStatus: cwsOrder.status,
          httpStatus: outcome.httpStatus,
        },
      };
      const emptied = await inTransaction(db, (tx) =>
        adoptCwsOrder(
          tx,
          order.id,
          attempt.id,
          cwsOrder,
          { outcome: "CREATED", httpStatus: outcome.httpStatus, event },
          deps.now(),
        ),
      );
      deps.stock.announce(emptied);
      return afterCollecting(await pollCwsOrder(deps, order.id, cwsOrder));
    }
    case "refused": {
      const reason = refusalReason(outcome.reason, outcome.httpStatus, outcome.cwsCode, outcome.message);
      await failOrder(deps, order.id, reason, {
        alertKind: outcome.reason === "balance_too_low" ? "cws-balance-too-low" : "cws-refused",
        alongside: (tx) =>
          settle(
            tx,
            { outcome: "REFUSED", ...refusalFields },
            `CWS refused the purchase (HTTP ${outcome.httpStatus}${outcome.cwsCode ? `, code ${outcome.cwsCode}` : ""})`,
            {
              attempt: attempt.attemptNumber,
              httpStatus: outcome.httpStatus,
              cwsCode: outcome.cwsCode,
              message: outcome.message,
            },
          ),
      });
      return { next: "stop", status: "FAILED", reason };
    }
    case "priceChanged": {
      const refusals = attemptsOf(order).filter((previous) => previous.outcome === "PRICE_REFUSED").length + 1;
      await inTransaction(db, (tx) =>
        settle(
          tx,
          { outcome: "PRICE_REFUSED", ...refusalFields },
          `CWS refused the price (code ${outcome.cwsCode})${refusals === 1 ? "; reading the new price once" : ""}`,
          { attempt: attempt.attemptNumber, cwsCode: outcome.cwsCode },
        ),
      );
      if (refusals >= 2) {
        const reason =
          "CWS refused our price twice (its price list keeps moving). Nothing was bought; Retry Fulfillment reads the price again.";
        await failOrder(deps, order.id, reason, { alertKind: "price-changed" });
        return { next: "stop", status: "FAILED", reason };
      }
      return wait(0, "re-price once");
    }
    case "rateLimited": {
      const quick =
        streak(attemptsOf(order), (previous) => previous.retryAfterSeconds !== null) < MAX_QUICK_RATE_LIMIT_RESENDS;
      const retryAfter = outcome.retryAfterSeconds ?? 1;
      const waitSeconds = quick && retryAfter <= RETRY_AFTER_CAP_S ? retryAfter : Math.max(60, retryAfter);
      await inTransaction(db, (tx) =>
        settle(
          tx,
          { outcome: "NOT_PROCESSED", httpStatus: 429, retryAfterSeconds: retryAfter, message: "rate limited" },
          `CWS asked us to slow down (429); buying again in ${waitSeconds} s`,
        ),
      );
      return wait(waitSeconds * 1000, "rate limited");
    }
    case "notProcessed": {
      const notSent = (previous: CwsPlacementAttempt) =>
        previous.outcome === "NOT_PROCESSED" && previous.retryAfterSeconds === null;
      const streakCount = streak(attemptsOf(order), notSent) + 1;
      const delay = NOT_PROCESSED_RETRY_MS[Math.min(streakCount - 1, NOT_PROCESSED_RETRY_MS.length - 1)]!;
      await inTransaction(db, (tx) =>
        settle(
          tx,
          { outcome: "NOT_PROCESSED", message: outcome.message },
          `The purchase was not sent: ${outcome.message}. Trying again in ${Math.round(delay / 1000)} s`,
        ),
      );
      if (streakCount >= 3) {
        const reason = `CWS cannot be used to buy (${outcome.message}); check CWS credentials and status`;
        await flagNeedsAttention(deps, order.id, reason);
      }
      return wait(delay, "not processed");
    }
    case "unknown": {
      const nextRecoveryAt = new Date(now.getTime() + config.recoveryFirstWaitMs);
      await inTransaction(db, (tx) =>
        settle(
          tx,
          { outcome: "UNKNOWN", httpStatus: outcome.httpStatus, message: outcome.message, nextRecoveryAt },
          `No clear answer from CWS (${outcome.message}); searching its order history before anything else`,
          { attempt: attempt.attemptNumber, httpStatus: outcome.httpStatus },
        ),
      );
      return wait(config.recoveryFirstWaitMs, "outcome unknown");
    }
  }
}

/**
 * How long to wait for a lease another placer holds: until it runs out, but looking again every
 * tenth of the lease (2 s at least), since a placer releases it as soon as its purchase is settled.
 */
function untilLeaseCheck(deps: FulfillmentDeps, heldUntil: Date): number {
  const recheckMs = Math.max(2_000, deps.config.placementLeaseMs / 10);
  return Math.min(heldUntil.getTime() - deps.now().getTime() + 100, recheckMs);
}

/**
 * One step of an order's purchase, decided from what the database says now, so that a replaced or
 * resumed run picks up safely. The four layers of double-purchase protection (ARCHITECTURE §4):
 * an order with a CWS order is never bought again; an unknown outcome is searched for before
 * anything else; a new attempt needs the placement lease and is written to the ledger before it is
 * sent, with our order id as clientOrderId; keys are stored once per CWS code.
 */
export async function advancePlacement(
  deps: FulfillmentDeps,
  orderId: string,
  owner: string,
): Promise<PlacementDecision> {
  for (;;) {
    const order = await loadOrder(deps, orderId);
    if (!order) return { next: "stop", status: "FAILED", reason: "order not found" };
    if (order.status === "COMPLETED" || order.status === "FAILED")
      return { next: "stop", status: order.status, reason: `order is ${order.status}` };
    if (order.cwsOrderId) return { next: "poll" };

    const attempts = attemptsOf(order);
    const latest = attempts.at(-1);
    if (latest && isUnresolved(latest.outcome)) {
      // An attempt another placer (the request's fast path, another run) still holds is theirs to settle.
      const heldUntil = order.placementLeaseOwner === owner ? null : order.placementLeaseUntil;
      if (heldUntil && heldUntil > deps.now())
        return wait(untilLeaseCheck(deps, heldUntil), "another placer's purchase is in flight");
      const decision = await recover(deps, order, latest);
      if (decision) return decision;
      continue; // not created after all: decide again
    }
    if (latest?.outcome === "REFUSED")
      return { next: "stop", status: order.status, reason: "CWS refused the purchase" };

    const notFound = attempts.filter((attempt) => attempt.outcome === "NOT_FOUND").length;
    if (notFound >= deps.config.maxUnknownAttempts) {
      const reason = `Outcome unknown: ${notFound} purchase attempts got no clear answer and were not found in CWS's order history. Check CWS's panel, then Retry (searches again first) or Mark failed.`;
      await flagNeedsAttention(deps, orderId, reason, { alertKind: "outcome-unknown" });
      return { next: "stop", status: order.status, reason };
    }
    if (latest?.outcome === "NOT_PROCESSED" && latest.finishedAt) {
      const retryAt = latest.finishedAt.getTime() + (latest.retryAfterSeconds ?? 0) * 1000;
      if (retryAt > deps.now().getTime())
        return wait(retryAt - deps.now().getTime(), "waiting before the next attempt");
    }

    const earlier = await searchBeforeNewRound(deps, order);
    if (earlier) return earlier;

    const busyUntil = await acquireLease(deps, orderId, owner);
    if (busyUntil) return wait(untilLeaseCheck(deps, busyUntil), "another placer holds the placement lease");
    try {
      return await placeOnce(deps, order, latest?.outcome === "PRICE_REFUSED");
    } finally {
      await releaseLease(deps, orderId, owner);
    }
  }
}
