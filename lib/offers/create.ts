import { AppError } from "@/lib/errors";
import { formatEuros } from "@/lib/g2a/money";
import { inTransaction, reading } from "@/lib/stores";
import type { OfferDeps } from "./deps";
import { storeChange } from "./g2a-side";
import { planOffer, recordPlan } from "./plan";
import type { OfferState } from "./store";
import { passContext, withFreshStock } from "./sync-pass";

/** What "Create offer on G2A" did. */
export type CreatedOffer = {
  /** "adopted": G2A already had our offer for the product (now linked); "started": G2A's job will name it. */
  outcome: "adopted" | "started";
  offerId: string | null;
  jobId: string | null;
  message: string;
};

/**
 * Creates the product's dropshipping offer on G2A at the price and stock the rules give now, without
 * waiting for G2A's job (the next sync settles it and links the offer). An offer G2A already has for
 * the product is adopted instead. 409 when the mapping has an offer, one is being created, or the
 * rules say it cannot sell now (and why).
 */
export async function createOfferOnG2a(deps: OfferDeps, g2aProductId: string): Promise<CreatedOffer> {
  const mapped = await reading(deps.db, (stores) => stores.offers.byProduct(g2aProductId));
  if (!mapped) throw new AppError("NOT_FOUND", `Product ${g2aProductId} is not mapped`);
  const input = await withFreshStock(deps, mapped);
  if (input.mapping.g2aOfferId)
    throw new AppError("CONFLICT", `Product ${g2aProductId} already has G2A offer ${input.mapping.g2aOfferId}`);
  if (input.state.pendingJobKind === "create")
    throw new AppError(
      "CONFLICT",
      `An offer for product ${g2aProductId} is being created (G2A job ${input.state.pendingJobId})`,
    );

  const context = await passContext(deps, [input]);
  const plan = await planOffer(deps, context, input);
  if (!plan.stock.active || !plan.target)
    throw new AppError(
      "CONFLICT",
      `The offer cannot sell now, so it is not created: ${plan.stock.stopReason ?? "no price"}`,
    );

  const now = deps.now();
  const claimed = await inTransaction(deps.db, (tx) =>
    tx.offers.claim(input.mapping.id, deps.owner, new Date(now.getTime() + deps.config.leaseMs), now),
  );
  if (!claimed) throw new AppError("CONFLICT", "The offer sync is working on this offer; try again in a minute");
  try {
    const client = await deps.client();
    const created = await client.startOffer(
      { productId: g2aProductId, priceCents: plan.target.priceCents, inventorySize: plan.stock.size },
      { timeoutMs: deps.config.callTimeoutMs, maxRetries: deps.config.callMaxRetries },
    );
    const state: OfferState = { ...input.state };
    recordPlan(state, plan);
    const listed = `€${formatEuros(plan.target.priceCents)} (${plan.target.basis}), stock ${plan.stock.size}`;
    let result: CreatedOffer;
    if (created.offerId) {
      const offerId = created.offerId;
      state.offerId = offerId;
      result = {
        outcome: "adopted",
        offerId,
        jobId: created.jobId,
        message: `G2A already had our offer ${offerId} for the product: linked; the next sync sets it to ${listed}`,
      };
    } else {
      state.pendingJobId = created.jobId;
      state.pendingJobKind = "create";
      state.pendingJobAt = now;
      state.pendingChange = storeChange(
        { priceCents: plan.target.priceCents, inventorySize: plan.stock.size, active: true },
        plan.target.incomeCents,
      );
      result = {
        outcome: "started",
        offerId: null,
        jobId: created.jobId,
        message: `Asked G2A to create the offer at ${listed}; G2A's job ${created.jobId} names it shortly`,
      };
    }
    state.lastOutcome = "sent";
    state.lastMessage = result.message;
    state.lastSyncAt = now;
    await inTransaction(deps.db, (tx) => {
      if (result.offerId) tx.mappings.linkOffer(input.mapping.id, result.offerId, now);
      tx.offers.save(state, now);
      tx.offers.recordDecision(
        input.mapping.id,
        {
          priceCents: plan.target!.priceCents,
          size: plan.stock.size,
          active: true,
          action: result.outcome === "adopted" ? "link" : "create",
          summary: result.message,
          sent: state.pendingChange,
          answer: result.jobId ? `job ${result.jobId}` : null,
          ok: true,
        },
        now,
      );
    });
    return result;
  } finally {
    await inTransaction(deps.db, (tx) => tx.offers.release(input.mapping.id, deps.owner));
  }
}
