import { randomUUID } from "node:crypto";
import { sendOrderPaid } from "./dispatch";
import type { FulfillmentDeps } from "./deps";
import { advancePlacement, type PlacementDecision } from "./placement";

/**
 * The purchase of a new order, made while G2A waits for POST /order (ARCHITECTURE §4, "the fast
 * path"). It is the workflow's own first step, `advancePlacement`, with the same ledger and lease:
 * the order is stored before anything is bought, the attempt is written before it is sent, and a
 * second placer waits for the lease. When the purchase settles the order (an instant product's keys
 * stored, or a refusal that fails it), no workflow run is needed. Anything else (keys to poll for, an
 * unclear answer, a wait, an error) starts the fulfil-order run, which carries on from what the
 * database says. A crash in between leaves an order nobody works on, which the re-send cron hands to
 * a run once its lease has run out.
 *
 * Never throws; resolves once the purchase is settled or handed over.
 */
export async function placeInRequest(deps: FulfillmentDeps, orderId: string): Promise<void> {
  let decision: PlacementDecision | null = null;
  try {
    decision = await advancePlacement(deps, orderId, `request:${randomUUID()}`);
  } catch (error) {
    deps.log.warn(
      { orderId, reason: error instanceof Error ? error.message : String(error) },
      "the purchase could not be made in the request; the workflow takes it over",
    );
  }
  if (decision?.next !== "stop") await sendOrderPaid(deps, orderId);
}
