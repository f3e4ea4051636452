import { inTransaction } from "@/lib/stores";
import type { OfferDeps } from "./deps";
import { applyChange, applyListedOffer, describeChange, parseChange } from "./g2a-side";
import type { OfferDecision, OfferMapping, OfferState } from "./store";

function entry(action: OfferDecision["action"], summary: string, answer: string | null, ok: boolean): OfferDecision {
  return { priceCents: null, size: null, active: null, action, summary, sent: null, answer, ok };
}

function clearJob(state: OfferState): void {
  state.pendingJobId = null;
  state.pendingJobKind = null;
  state.pendingJobAt = null;
  state.pendingChange = null;
}

/**
 * One look at the job the offer waits for (never a wait): done → the change it carries is applied
 * (a create links the new offer); failed → recorded with G2A's code and message; lost, or pending for
 * too long → G2A's side is read again, so the next decision works from what G2A really lists.
 */
export async function settleJob(
  deps: OfferDeps,
  state: OfferState,
  mapping: OfferMapping,
  decisions: OfferDecision[],
): Promise<"settled" | "waiting"> {
  const jobId = state.pendingJobId!;
  const kind = state.pendingJobKind ?? "update";
  const change = parseChange(state.pendingChange);
  const client = await deps.client();
  const options = { timeoutMs: deps.config.callTimeoutMs, maxRetries: deps.config.callMaxRetries };
  let job = await client.readJob(jobId, options);
  const age = deps.now().getTime() - (state.pendingJobAt?.getTime() ?? 0);
  if (job.state === "pending") {
    if (age < deps.config.jobLostAfterMs) return "waiting";
    job = { state: "lost" };
  }

  if (job.state === "done") {
    if (kind === "create") {
      const offerId = job.offerId;
      if (offerId) {
        await inTransaction(deps.db, (tx) => tx.mappings.linkOffer(mapping.id, offerId, deps.now()));
        mapping.g2aOfferId = offerId;
        state.offerId = offerId;
      }
    }
    const described = describeChange(state, change);
    applyChange(state, change);
    clearJob(state);
    decisions.push(
      entry(
        "settle",
        kind === "create" ? `G2A created offer ${state.offerId ?? "(not named)"}` : `G2A applied ${described}`,
        `job ${jobId} completed`,
        true,
      ),
    );
    return "settled";
  }

  if (job.state === "failed") {
    clearJob(state);
    decisions.push(entry("fail", `G2A refused the ${kind}: ${job.error.message}`, `job ${jobId} failed`, false));
    return "settled";
  }

  // Lost (or pending for too long): what G2A lists now is the truth to decide from.
  clearJob(state);
  let read = "G2A's side is read again";
  if (state.offerId) {
    try {
      applyListedOffer(state, await client.getOffer(state.offerId, options));
    } catch (error) {
      read = `G2A's side could not be read (${error instanceof Error ? error.message : String(error)})`;
    }
  } else {
    read = "the offer list is read on the next pass to find the offer";
  }
  decisions.push(
    entry(
      "settle",
      `G2A's job ${jobId} (${kind}) was ${age >= deps.config.jobLostAfterMs ? "still pending after too long" : "lost"}; ${read}`,
      `job ${jobId} unknown`,
      false,
    ),
  );
  return "settled";
}
