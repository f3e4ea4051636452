import { raiseAlert, resolveAlerts } from "@/lib/alerts";
import { G2aApiError, type G2aOffer, type G2aOfferChanges } from "@/lib/g2a-api";
import { formatEuros } from "@/lib/g2a/money";
import { priceChangeWorthSending } from "@/lib/pricing";
import { inTransaction } from "@/lib/stores";
import type { OfferDeps } from "./deps";
import {
  applyChange,
  applyListedOffer,
  describeChange,
  forgetG2aSide,
  parseChange,
  storeChange,
  type StoredChange,
} from "./g2a-side";
import { planOffer, recordPlan, type OfferPlan, type PassContext } from "./plan";
import { settleJob } from "./settle-job";
import type { OfferDecision, OfferInput, OfferState } from "./store";

/** What became of one offer in a sync. */
export type OfferOutcome = "unchanged" | "sent" | "waiting" | "stopped" | "failed" | "busy" | "unlinked";

/** The pass's view of G2A beyond one offer: our listed offers (when read) and whether sending must stop. */
export type PassG2a = {
  /** Our offers by G2A product, when this pass read the list. */
  listing: Map<string, G2aOffer> | null;
  /** Why nothing more is sent in this pass (G2A rate-limits us, refuses our credentials, cannot be reached). */
  halted: string | null;
  unavailableInARow: number;
};

const HOUR_MS = 3_600_000;
/** An offer failing this many syncs in a row raises an alert. */
const FAILURES_BEFORE_ALERT = 3;

/** What switches the offer off with stock 0, as far as G2A's side does not already say so. */
function switchOff(state: OfferState): G2aOfferChanges {
  return {
    ...(state.active !== false ? { active: false } : {}),
    ...(state.inventorySize !== 0 ? { inventorySize: 0 } : {}),
  };
}

/** A change to send for the offer to match the plan; empty when G2A's side already matches. */
function wantedChanges(state: OfferState, plan: OfferPlan, stepCents: bigint): G2aOfferChanges {
  if (!plan.stock.active || !plan.target) {
    return switchOff(state);
  }
  const changes: G2aOfferChanges = {};
  if (state.inventorySize !== plan.stock.size) changes.inventorySize = plan.stock.size;
  if (state.active !== true) changes.active = true;
  const worth = priceChangeWorthSending({
    currentCents: state.priceCents,
    targetCents: plan.target.priceCents,
    floorCents: plan.floorCents!,
    stepCents,
  });
  if (worth && state.priceCents !== plan.target.priceCents) changes.priceCents = plan.target.priceCents;
  return changes;
}

/**
 * Keeps within the price-change budget: a price change over it waits for the next window and says so;
 * if the price listed now is below the floor, the offer is switched off until the price can be raised.
 */
function withinBudget(
  state: OfferState,
  plan: OfferPlan,
  changes: G2aOfferChanges,
  perHour: number,
  now: Date,
): { changes: G2aOfferChanges; note: string | null } {
  state.recentPriceChanges = state.recentPriceChanges.filter((at) => at > now.getTime() - HOUR_MS);
  if (changes.priceCents === undefined || state.recentPriceChanges.length < perHour) return { changes, note: null };
  const possibleAt = new Date(Math.min(...state.recentPriceChanges) + HOUR_MS);
  const note = `the price change to €${formatEuros(changes.priceCents)} waits for the hourly budget (${perHour} of ${perHour} used; possible again at ${possibleAt.toISOString().slice(11, 16)} UTC)`;
  const { priceCents: _waiting, ...rest } = changes;
  const belowFloor = state.priceCents !== null && plan.floorCents !== null && state.priceCents < plan.floorCents;
  if (!belowFloor) return { changes: rest, note };
  return {
    changes: switchOff(state),
    note: `${note}; the listed price is below the floor, so the offer is off until then`,
  };
}

function decision(
  plan: OfferPlan | null,
  fields: Omit<OfferDecision, "priceCents" | "size" | "active">,
): OfferDecision {
  return {
    priceCents: plan?.target?.priceCents ?? null,
    size: plan?.stock.size ?? null,
    active: plan?.stock.active ?? null,
    ...fields,
  };
}

function planSummary(plan: OfferPlan): string {
  if (!plan.stock.active) return `held inactive: ${plan.stock.stopReason}`;
  return `€${formatEuros(plan.target!.priceCents)} (${plan.target!.basis}), stock ${plan.stock.size}`;
}

/** How a failed call ends the offer's sync, and whether it stops the pass's sending. */
function failure(
  error: unknown,
  g2a: PassG2a,
): { outcome: OfferOutcome; action: OfferDecision["action"]; text: string } {
  if (!(error instanceof G2aApiError)) {
    // Not G2A's answer (the connection is not configured, or our own fault): no more sending in this pass.
    g2a.halted = error instanceof Error ? error.message : String(error);
    return { outcome: "failed", action: "fail", text: g2a.halted };
  }
  if (error.kind === "rate_limited") {
    g2a.halted = "G2A rate-limits us";
    return { outcome: "waiting", action: "wait", text: `${error.message}; the change is sent on the next pass` };
  }
  if (error.kind === "price_change_budget") return { outcome: "waiting", action: "wait", text: error.message };
  if (error.kind === "auth") g2a.halted = error.message;
  if (error.kind === "unavailable" && ++g2a.unavailableInARow >= 3) g2a.halted = "G2A cannot be reached";
  return { outcome: "failed", action: "fail", text: error.message };
}

/**
 * One offer's sync: take the offer (a lease, so two syncs never send for it at once), see G2A's side
 * (the listing, or the job it is waiting for), plan price and stock, send what differs, record it.
 */
export async function syncOffer(
  deps: OfferDeps,
  context: PassContext,
  g2a: PassG2a,
  input: OfferInput,
): Promise<OfferOutcome> {
  const { mapping } = input;
  const started = deps.now();
  const claimed = await inTransaction(deps.db, (tx) =>
    tx.offers.claim(mapping.id, deps.owner, new Date(started.getTime() + deps.config.leaseMs), started),
  );
  if (!claimed) return "busy";
  const state: OfferState = { ...input.state, recentPriceChanges: [...input.state.recentPriceChanges] };
  const decisions: OfferDecision[] = [];
  let outcome: OfferOutcome = "unchanged";
  let message: string;
  try {
    ({ outcome, message } = await decide(deps, context, g2a, input, state, decisions));
  } catch (error) {
    const failed = failure(error, g2a);
    outcome = failed.outcome;
    message = failed.text;
    decisions.push(decision(null, { action: failed.action, summary: message, sent: null, answer: null, ok: false }));
  }
  const now = deps.now();
  // "Nothing to do" repeating the last decision word for word is not recorded again: the history shows changes.
  const repeated = state.lastOutcome === outcome && state.lastMessage === message;
  const recovered = outcome !== "failed" && state.consecutiveFailures >= FAILURES_BEFORE_ALERT;
  state.consecutiveFailures = outcome === "failed" ? state.consecutiveFailures + 1 : 0;
  if (state.consecutiveFailures >= FAILURES_BEFORE_ALERT)
    await raiseAlert(deps.db, {
      type: "offer-sync-failing",
      subject: { kind: "mapping", g2aProductId: mapping.g2aProductId },
      message: `The G2A offer of product ${mapping.g2aProductId} failed to sync ${state.consecutiveFailures} times in a row: ${message}`,
      details: { g2aProductId: mapping.g2aProductId, offerId: state.offerId },
    });
  if (recovered)
    await resolveAlerts(
      deps.db,
      { kind: "mapping", g2aProductId: mapping.g2aProductId },
      `The offer synced again: ${message}`,
      ["offer-sync-failing"],
    );
  state.lastSyncAt = now;
  state.lastOutcome = outcome;
  state.lastMessage = message;
  try {
    // The state, its decisions and the end of the lease in one transaction (a pass makes ten thousand).
    await inTransaction(deps.db, (tx) => {
      tx.offers.save(state, now);
      for (const entry of decisions)
        if (!repeated || (entry.action !== "none" && entry.action !== "wait"))
          tx.offers.recordDecision(mapping.id, entry, now);
      tx.offers.release(mapping.id, deps.owner);
    });
  } catch (error) {
    await inTransaction(deps.db, (tx) => tx.offers.release(mapping.id, deps.owner));
    throw error;
  }
  return outcome;
}

async function decide(
  deps: OfferDeps,
  context: PassContext,
  g2a: PassG2a,
  input: OfferInput,
  state: OfferState,
  decisions: OfferDecision[],
): Promise<{ outcome: OfferOutcome; message: string }> {
  const { mapping } = input;
  if (state.offerId !== mapping.g2aOfferId && state.pendingJobKind !== "create")
    forgetG2aSide(state, mapping.g2aOfferId);

  const listed = g2a.listing?.get(mapping.g2aProductId) ?? null;
  if (listed && !mapping.g2aOfferId) {
    const created = state.pendingJobKind === "create" ? state.pendingJobId : null;
    await inTransaction(deps.db, (tx) => tx.mappings.linkOffer(mapping.id, listed.id, deps.now()));
    mapping.g2aOfferId = listed.id;
    forgetG2aSide(state, listed.id);
    decisions.push(
      decision(null, {
        action: "link",
        summary: created
          ? `G2A created offer ${listed.id} (job ${created}): linked, found in our offer list`
          : `Linked to our G2A offer ${listed.id}, found in our offer list`,
        sent: null,
        answer: null,
        ok: true,
      }),
    );
  }

  if (state.pendingJobId) {
    if (g2a.halted) return { outcome: "waiting", message: `Waiting: ${g2a.halted}` };
    const settled = await settleJob(deps, state, mapping, decisions);
    if (settled === "waiting") return { outcome: "waiting", message: `Waiting for G2A's job ${state.pendingJobId}` };
  }
  // What G2A lists is the truth to decide from (read after the job is settled, so its change is told as made).
  if (listed && listed.id === state.offerId) applyListedOffer(state, listed);

  const plan = await planOffer(deps, context, input);
  recordPlan(state, plan);
  if (state.priceCents !== null && state.incomeCents === null)
    state.incomeCents = await plan.simulate(state.priceCents);

  if (state.pausedByG2aAt) {
    const message = `Paused by G2A on ${state.pausedByG2aAt.toISOString().slice(0, 16).replace("T", " ")} UTC${state.pausedByG2aMessage ? ` (${state.pausedByG2aMessage})` : ""}: not re-activated until an admin acknowledges`;
    decisions.push(decision(plan, { action: "none", summary: message, sent: null, answer: null, ok: true }));
    return { outcome: "stopped", message };
  }
  if (!state.offerId) {
    const message = `No offer on G2A yet: ${planSummary(plan)} would be listed; create it from the dashboard`;
    decisions.push(decision(plan, { action: "none", summary: message, sent: null, answer: null, ok: true }));
    return { outcome: "unlinked", message };
  }

  const { changes, note } = withinBudget(
    state,
    plan,
    wantedChanges(state, plan, context.defaults.priceStepCents),
    deps.config.priceChangesPerHour,
    deps.now(),
  );
  if (Object.keys(changes).length === 0) {
    const message = note ?? `Nothing to send: ${planSummary(plan)} is what G2A lists`;
    decisions.push(
      decision(plan, { action: note ? "wait" : "none", summary: message, sent: null, answer: null, ok: true }),
    );
    return { outcome: note ? "waiting" : plan.stock.active ? "unchanged" : "stopped", message };
  }
  if (g2a.halted) {
    const message = `Not sent (${g2a.halted}): ${describeChange(state, parseChange(storeChange(changes, null)))}`;
    decisions.push(decision(plan, { action: "wait", summary: message, sent: null, answer: null, ok: false }));
    return { outcome: "waiting", message };
  }
  return send(deps, g2a, state, plan, changes, note, decisions);
}

async function send(
  deps: OfferDeps,
  g2a: PassG2a,
  state: OfferState,
  plan: OfferPlan,
  changes: G2aOfferChanges,
  note: string | null,
  decisions: OfferDecision[],
): Promise<{ outcome: OfferOutcome; message: string }> {
  const incomeCents = changes.priceCents !== undefined ? (plan.target?.incomeCents ?? null) : null;
  const stored = storeChange(changes, incomeCents);
  const change: StoredChange = parseChange(stored);
  const described = describeChange(state, change);
  const client = await deps.client();
  const result = await client.updateOffer(
    state.offerId!,
    {
      ...changes,
      priceLimit:
        state.priceMinCents !== null && state.priceMaxCents !== null
          ? { minCents: state.priceMinCents, maxCents: state.priceMaxCents }
          : undefined,
    },
    { awaitJob: false, timeoutMs: deps.config.callTimeoutMs, maxRetries: deps.config.callMaxRetries },
  );
  g2a.unavailableInARow = 0;
  const now = deps.now();
  if (changes.priceCents !== undefined) state.recentPriceChanges.push(now.getTime());
  const why = plan.stock.active ? planSummary(plan) : `held inactive: ${plan.stock.stopReason}`;
  const summary = `Sent ${described}: ${why}${note ? `; ${note}` : ""}`;
  if (result.jobId) {
    state.pendingJobId = result.jobId;
    state.pendingJobKind = "update";
    state.pendingJobAt = now;
    state.pendingChange = stored;
  } else {
    applyChange(state, change);
  }
  const answer = result.jobId
    ? `HTTP ${result.httpStatus}, job ${result.jobId} (settled on the next sync)`
    : `HTTP ${result.httpStatus}, applied`;
  decisions.push(decision(plan, { action: "update", summary, sent: stored, answer, ok: true }));
  return { outcome: "sent", message: summary };
}
