import { resolveAlerts } from "@/lib/alerts";
import { z } from "zod";
import { recordAudit, type Actor } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { G2aApiError } from "@/lib/g2a-api";
import { formatEuros } from "@/lib/g2a/money";
import { createOfferOnG2a, type CreatedOffer } from "@/lib/offers/create";
import { stopKind } from "@/lib/offers/declared-stock";
import { readPricingDefaults, savePricingDefaults, type PricingDefaults } from "@/lib/offers/defaults";
import type { OfferDeps } from "@/lib/offers/deps";
import { strategyOf } from "@/lib/offers/plan";
import { requestOfferPass, requestOfferSync } from "@/lib/offers/requests";
import type { OfferInput } from "@/lib/offers/store";
import { readLastPass, syncProductOffer, type PassSummary } from "@/lib/offers/sync-pass";
import { inTransaction, reading } from "@/lib/stores";
import { pageQuerySchema, pageWindow, type Page } from "./paging";

// The Offers page: each mapping's G2A offer, what the sync decided and why, and staff's actions.

export const OFFER_PROBLEMS = ["paused_by_g2a", "uneconomic", "out_of_stock", "failing", "no_offer"] as const;
export type OfferProblem = (typeof OFFER_PROBLEMS)[number];

export const offerListQuerySchema = z
  .object({
    problem: z.enum(OFFER_PROBLEMS, { error: `must be one of ${OFFER_PROBLEMS.join(", ")}` }).optional(),
    q: z.string().trim().max(60).optional(),
  })
  .extend(pageQuerySchema.shape);
export type OfferListQuery = z.infer<typeof offerListQuerySchema>;

/** The offer's state in one word, for the list. */
export type OfferStatus = "no_offer" | "creating" | "active" | "inactive" | "paused_by_g2a" | "paused_by_staff";

/** One offer as the dashboard shows it; money as euro strings ("5.98"), null when unknown. */
export type OfferRow = {
  mappingId: string;
  g2aProductId: string;
  cwsProductId: string;
  mappingEnabled: boolean;
  offerId: string | null;
  status: OfferStatus;
  strategy: string;
  listedPrice: string | null;
  income: string | null;
  cost: string | null;
  /** Income minus cost at the listed price. */
  margin: string | null;
  floor: string | null;
  targetPrice: string | null;
  declaredStock: number | null;
  targetStock: number | null;
  stopReason: string | null;
  competitorPrice: string | null;
  competitorName: string | null;
  position: number | null;
  lastSyncAt: string | null;
  lastOutcome: string | null;
  lastMessage: string | null;
  consecutiveFailures: number;
  /** Price changes still allowed in the current hour. */
  priceChangesLeft: number;
  pendingJobId: string | null;
  pausedByG2aAt: string | null;
  pausedByG2aMessage: string | null;
  pausedByStaffAt: string | null;
  pausedByStaffBy: string | null;
  problems: OfferProblem[];
};

export type OfferDecisionRow = {
  id: number;
  at: string;
  price: string | null;
  size: number | null;
  active: boolean | null;
  action: string;
  summary: string;
  sent: string | null;
  answer: string | null;
  ok: boolean;
};

const euros = (cents: bigint | null) => (cents === null ? null : formatEuros(cents));
const iso = (date: Date | null) => date?.toISOString() ?? null;
const HOUR_MS = 3_600_000;

function statusOf(input: OfferInput): OfferStatus {
  const { state, mapping } = input;
  if (state.pausedByG2aAt) return "paused_by_g2a";
  if (state.pausedByStaffAt) return "paused_by_staff";
  if (!mapping.g2aOfferId) return state.pendingJobKind === "create" ? "creating" : "no_offer";
  return state.active ? "active" : "inactive";
}

function problemsOf(input: OfferInput, status: OfferStatus): OfferProblem[] {
  const { state } = input;
  const problems: OfferProblem[] = [];
  if (status === "paused_by_g2a") problems.push("paused_by_g2a");
  const stopped = stopKind(state.stopReason);
  if (stopped === "uneconomic") problems.push("uneconomic");
  if (stopped === "out_of_stock") problems.push("out_of_stock");
  if (state.consecutiveFailures >= 2) problems.push("failing");
  if (status === "no_offer" && input.mapping.enabled) problems.push("no_offer");
  return problems;
}

export function offerRow(input: OfferInput, defaults: PricingDefaults, perHour: number, now: Date): OfferRow {
  const { state, mapping } = input;
  const status = statusOf(input);
  const recent = state.recentPriceChanges.filter((at) => at > now.getTime() - HOUR_MS).length;
  return {
    mappingId: mapping.id,
    g2aProductId: mapping.g2aProductId,
    cwsProductId: mapping.cwsProductId,
    mappingEnabled: mapping.enabled,
    offerId: mapping.g2aOfferId,
    status,
    strategy: strategyOf(mapping, defaults).kind,
    listedPrice: euros(state.priceCents),
    income: euros(state.incomeCents),
    cost: euros(state.costCents),
    margin: state.incomeCents !== null && state.costCents !== null ? euros(state.incomeCents - state.costCents) : null,
    floor: euros(state.floorCents),
    targetPrice: euros(state.targetPriceCents),
    declaredStock: state.inventorySize,
    targetStock: state.targetSize,
    stopReason: state.stopReason,
    competitorPrice: euros(state.competitorPriceCents),
    competitorName: state.competitorName,
    position: state.position,
    lastSyncAt: iso(state.lastSyncAt),
    lastOutcome: state.lastOutcome,
    lastMessage: state.lastMessage,
    consecutiveFailures: state.consecutiveFailures,
    priceChangesLeft: Math.max(0, perHour - recent),
    pendingJobId: state.pendingJobId,
    pausedByG2aAt: iso(state.pausedByG2aAt),
    pausedByG2aMessage: state.pausedByG2aMessage,
    pausedByStaffAt: iso(state.pausedByStaffAt),
    pausedByStaffBy: state.pausedByStaffBy,
    problems: problemsOf(input, status),
  };
}

/** Offers page: one row per mapping, filtered by problem or product id, with the last pass's summary. */
export async function listOffers(
  deps: Pick<OfferDeps, "db" | "config" | "now">,
  query: OfferListQuery,
): Promise<Page<OfferRow> & { lastPass: PassSummary | null; counts: Record<OfferProblem, number> }> {
  const [inputs, defaults, lastPass] = await Promise.all([
    reading(deps.db, (stores) => stores.offers.all()),
    readPricingDefaults(deps.db),
    readLastPass(deps),
  ]);
  const now = deps.now();
  const rows = inputs.map((input) => offerRow(input, defaults, deps.config.priceChangesPerHour, now));
  const counts = Object.fromEntries(
    OFFER_PROBLEMS.map((problem) => [problem, rows.filter((row) => row.problems.includes(problem)).length]),
  ) as Record<OfferProblem, number>;
  const matching = rows.filter(
    (row) =>
      (!query.problem || row.problems.includes(query.problem)) &&
      (!query.q || row.g2aProductId.includes(query.q) || row.cwsProductId.includes(query.q) || row.offerId === query.q),
  );
  const { skip, take } = pageWindow(query);
  return {
    items: matching.slice(skip, skip + take),
    page: query.page,
    pageSize: query.pageSize,
    total: matching.length,
    lastPass,
    counts,
  };
}

async function inputOf(deps: Pick<OfferDeps, "db">, g2aProductId: string): Promise<OfferInput> {
  const input = await reading(deps.db, (stores) => stores.offers.byProduct(g2aProductId));
  if (!input) throw new AppError("NOT_FOUND", `Product ${g2aProductId} is not mapped`);
  return input;
}

/** One offer with its decision history, newest first. */
export async function getOffer(
  deps: Pick<OfferDeps, "db" | "config" | "now">,
  g2aProductId: string,
): Promise<{ offer: OfferRow; decisions: OfferDecisionRow[] }> {
  const input = await inputOf(deps, g2aProductId);
  const defaults = await readPricingDefaults(deps.db);
  const decisions = await deps.db.g2aOfferDecision.findMany({
    where: { mappingId: input.mapping.id },
    orderBy: { id: "desc" },
  });
  return {
    offer: offerRow(input, defaults, deps.config.priceChangesPerHour, deps.now()),
    decisions: decisions.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      price: euros(row.priceCents),
      size: row.size,
      active: row.active,
      action: row.action,
      summary: row.summary,
      sent: row.sent,
      answer: row.answer,
      ok: row.ok,
    })),
  };
}

/** G2A's errors as answers staff can act on: refused → 409, G2A unreachable or throttling → 503. */
function asAppError(error: unknown): unknown {
  if (!(error instanceof G2aApiError)) return error;
  const refused = ["bad_request", "price_out_of_limits", "conflict", "invalid_request", "job_failed", "not_found"];
  return new AppError(refused.includes(error.kind) ? "CONFLICT" : "SERVICE_UNAVAILABLE", `G2A: ${error.message}`);
}

/** "Create offer on G2A", audited with what G2A answered. */
export async function createOffer(deps: OfferDeps, actor: Actor, g2aProductId: string): Promise<CreatedOffer> {
  let created: CreatedOffer;
  try {
    created = await createOfferOnG2a(deps, g2aProductId);
  } catch (error) {
    throw asAppError(error);
  }
  await recordAudit(deps.db, actor, {
    action: "offer.create",
    targetType: "g2aOffer",
    targetId: g2aProductId,
    details: { outcome: created.outcome, offerId: created.offerId, jobId: created.jobId },
  });
  return created;
}

/** "Sync now": the offer's sync, at once, audited with its outcome. */
export async function syncOfferNow(
  deps: OfferDeps,
  actor: Actor,
  g2aProductId: string,
): Promise<{ outcome: string; message: string | null }> {
  await inputOf(deps, g2aProductId);
  const result = await syncProductOffer(deps, g2aProductId, `sync now by ${actor.email}`);
  const after = await inputOf(deps, g2aProductId);
  const answer = {
    outcome: result?.outcome ?? "not mapped",
    message: result?.summary.problem ?? after.state.lastMessage,
  };
  await recordAudit(deps.db, actor, {
    action: "offer.sync",
    targetType: "g2aOffer",
    targetId: g2aProductId,
    details: answer,
  });
  return answer;
}

/** "Pause offer" / "Resume offer": size 0 and inactive until resumed; audited, then synced soon. */
export async function setOfferPaused(
  deps: OfferDeps,
  actor: Actor,
  g2aProductId: string,
  paused: boolean,
): Promise<OfferRow> {
  const input = await inputOf(deps, g2aProductId);
  const now = deps.now();
  const changed = await inTransaction(deps.db, (tx) => {
    const done = tx.offers.setStaffPause(input.mapping.id, paused ? actor.email : null, now);
    if (done)
      tx.audit.record(
        actor,
        { action: paused ? "offer.pause" : "offer.resume", targetType: "g2aOffer", targetId: g2aProductId },
        now,
      );
    return done;
  });
  if (changed)
    await requestOfferSync(deps.db, deps.log, [g2aProductId], paused ? "paused by staff" : "resumed by staff");
  return (await getOffer(deps, g2aProductId)).offer;
}

/** An admin acknowledges G2A's deactivation: the sync may activate the offer again. 409 when it was not paused by G2A. */
export async function acknowledgeG2aPause(
  deps: OfferDeps,
  actor: Actor,
  g2aProductId: string,
  note: string | undefined,
): Promise<OfferRow> {
  const input = await inputOf(deps, g2aProductId);
  const now = deps.now();
  await inTransaction(deps.db, (tx) => {
    if (!tx.offers.acknowledgeG2aPause(input.mapping.id, now))
      throw new AppError("CONFLICT", "G2A has not deactivated this offer; there is nothing to acknowledge");
    tx.audit.record(
      actor,
      {
        action: "offer.acknowledge_g2a_pause",
        targetType: "g2aOffer",
        targetId: g2aProductId,
        reason: note,
        details: { pausedAt: iso(input.state.pausedByG2aAt), message: input.state.pausedByG2aMessage },
      },
      now,
    );
  });
  await resolveAlerts(
    deps.db,
    { kind: "mapping", g2aProductId },
    `${actor.email} acknowledged G2A's deactivation${note ? ` (${note})` : ""}; the offer sync may activate the offer again`,
    ["auction-deactivated"],
  );
  await requestOfferSync(deps.db, deps.log, [g2aProductId], "G2A's deactivation acknowledged");
  return (await getOffer(deps, g2aProductId)).offer;
}

// ---- pricing defaults (Settings)

export type PricingDefaultsView = {
  strategy: PricingDefaults["strategy"];
  targetMargin: string | null;
  targetMarginPercent: string | null;
  priceStep: string;
  maxPrice: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
};

export async function getPricingDefaults(deps: Pick<OfferDeps, "db">): Promise<PricingDefaultsView> {
  const defaults = await readPricingDefaults(deps.db);
  return {
    strategy: defaults.strategy,
    targetMargin: euros(defaults.targetMarginCents),
    targetMarginPercent:
      defaults.targetMarginBasisPoints === null ? null : (defaults.targetMarginBasisPoints / 100).toFixed(2),
    priceStep: formatEuros(defaults.priceStepCents),
    maxPrice: euros(defaults.maxPriceCents),
    updatedBy: defaults.updatedBy,
    updatedAt: iso(defaults.updatedAt),
  };
}

/** Saves the defaults (audited with what changed); every offer follows on the next pass. */
export async function setPricingDefaults(
  deps: Pick<OfferDeps, "db" | "log">,
  actor: Actor,
  defaults: PricingDefaults,
): Promise<PricingDefaultsView> {
  await deps.db.$transaction(async (tx) => {
    const before = await readPricingDefaults(tx);
    await savePricingDefaults(tx, defaults, actor.email);
    const { updatedBy: _by, updatedAt: _at, ...from } = before;
    await recordAudit(tx, actor, {
      action: "offer.pricing_defaults",
      targetType: "setting",
      targetId: "offerPricingDefaults",
      details: { from, to: defaults },
    });
  });
  await requestOfferPass(deps.db, deps.log, "pricing defaults changed");
  return getPricingDefaults(deps);
}
