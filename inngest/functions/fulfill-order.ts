import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { orderPaid, retryRequested } from "@/inngest/events";
import { pollCwsOrder } from "@/lib/fulfillment/collect-keys";
import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { handleFulfillmentFailure } from "@/lib/fulfillment/run-failure";
import { advancePlacement } from "@/lib/fulfillment/placement";
import { RUN_POLL_WINDOW_MS } from "@/lib/fulfillment/poll-schedule";
import { recordRunPhase } from "@/lib/fulfillment/run-phase";

/** Bounds that keep one run far below Inngest's 1,000 steps; the crons carry on after them. */
const MAX_PLACEMENT_ROUNDS = 40;
const MAX_POLLS = 200;

/**
 * Buys an order's keys from CWS exactly once, waits for them and stores them (ARCHITECTURE §4).
 * A new order's purchase is usually made while G2A waits for POST /order (lib/fulfillment/fast-path.ts);
 * a run starts only for what that leaves unsettled, and its first step carries on from the ledger.
 * One run per order: a staff retry replaces a stuck or sleeping run. Every step re-reads the order,
 * so a replaced or resumed run picks up where the database says; steps return decisions and counts,
 * never a key.
 */
export const fulfillOrder = inngest.createFunction(
  {
    id: "fulfill-order",
    name: "Fulfil order",
    triggers: [orderPaid, retryRequested],
    singleton: { key: "event.data.orderId", mode: "cancel" },
    retries: 5,
    onFailure: async ({ event, error }) => {
      const orderId = (event.data.event.data as { orderId?: string }).orderId;
      if (orderId) await handleFulfillmentFailure(getFulfillmentDeps(), orderId, error.message);
    },
  },
  async ({ event, step, runId }) => {
    const { orderId } = event.data;
    const deps = getFulfillmentDeps();
    // Each step is a round trip through the engine, so the run's phase for the dashboard is written
    // inside the steps whose outcome changes it rather than in steps of its own.
    let placed = false;
    for (let round = 0; round < MAX_PLACEMENT_ROUNDS && !placed; round++) {
      const decision = await step.run(`place-cws-order-${round}`, async () => {
        if (round === 0) await recordRunPhase(deps, orderId, runId, "placing");
        const next = await advancePlacement(deps, orderId, runId);
        if (next.next === "stop")
          await recordRunPhase(deps, orderId, runId, next.status === "PLACING" ? "needs attention" : "done");
        if (next.next === "poll") await recordRunPhase(deps, orderId, runId, "polling");
        return next;
      });
      if (decision.next === "stop") return { orderId, status: decision.status, reason: decision.reason };
      if (decision.next === "poll") placed = true;
      else await step.sleep(`placement-wait-${round}`, Math.max(decision.ms, 1));
    }
    if (!placed) throw new NonRetriableError("the purchase did not settle within this run's rounds");

    let elapsed = 0;
    for (let poll = 0; poll < MAX_POLLS; poll++) {
      const result = await step.run(`poll-cws-order-${poll}`, async () => {
        const polled = await pollCwsOrder(deps, orderId);
        if (polled.nextPollInMs === null) await recordRunPhase(deps, orderId, runId, "done");
        return polled;
      });
      if (result.nextPollInMs === null) return { orderId, status: result.status };
      if (elapsed >= RUN_POLL_WINDOW_MS) break;
      elapsed += result.nextPollInMs;
      await step.sleep(`poll-wait-${poll}`, result.nextPollInMs);
    }
    // The keys take longer than this run's window: the poll-awaiting-orders cron carries on.
    await step.run("handover", () => recordRunPhase(deps, orderId, runId, "polling by schedule"));
    return { orderId, status: "AWAITING_CODES" };
  },
);
