import { cwsStatus, type CwsStatus } from "@/lib/cws/status";
import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { inTransaction, reading } from "@/lib/stores";
import { workflowMode } from "@/lib/workflow";
import { engineProgress } from "@/lib/workflow/store";
import { getAlertDeps, type AlertDeps } from "./config";
import { attemptDelivery } from "./deliver";
import { raise, resolveCleared } from "./raise";

// Checks that cannot wait for the workflow engine, because they watch it: run on a timer in the
// server process. Each is safe on several instances at once (one open alert per type and subject;
// a delivery is claimed before it is sent).

const WATCH_EVERY_MS = 30_000;
/** Resolved alerts (and their delivery logs) are kept this long. */
const RESOLVED_KEPT_MS = 90 * 86_400_000;
/** A pending delivery this late means no engine run is moving it: the watchdog sends it. */
const DELIVERY_OVERDUE_MS = 120_000;

const clock = (date: Date) => `${date.toISOString().slice(11, 16)} UTC`;
const minutes = (ms: number) => Math.round(ms / 60_000);

/** A failure older than this is checked by asking CWS again before it counts as "still down". */
const CWS_RECHECK_AFTER_MS = 60_000;

/**
 * CWS unreachable for CWS_DOWN_ALERT_MINUTES (as this process saw it), or answering again. While CWS
 * fails and nothing has called it for a minute, `probe` asks it once: silence after one failed call
 * proves nothing either way.
 */
export async function watchCws(
  deps: AlertDeps,
  seen: CwsStatus,
  probe: () => Promise<CwsStatus> = async () => seen,
): Promise<void> {
  const now = deps.now();
  const stale = seen.state === "failing" && now.getTime() - Date.parse(seen.lastFailureAt!) > CWS_RECHECK_AFTER_MS;
  const status = stale ? await probe() : seen;
  if (status.state === "ok") {
    await resolveCleared(
      deps,
      { kind: "cws-account" },
      `CWS answers again (last answer at ${clock(new Date(status.lastOkAt!))})`,
      ["cws-unreachable"],
    );
    return;
  }
  if (status.state !== "failing" || !status.failingSince || !status.lastFailureAt) return;
  const since = new Date(status.failingSince);
  // Down for the whole window: failures from its start to now, and no answer between them.
  if (Date.parse(status.lastFailureAt) - since.getTime() < deps.config.cwsDownMs) return;
  await raise(deps, {
    type: "cws-unreachable",
    subject: { kind: "cws-account" },
    message: `CWS has not answered since ${clock(since)} (${minutes(now.getTime() - since.getTime())} minutes; last: ${status.lastFailure ?? "no answer"}). Purchases wait and retry by themselves, and nothing is bought twice; check CWS's status page and this server's network.`,
    details: { failingSince: status.failingSince, lastFailureAt: status.lastFailureAt },
  });
}

/** Runs due for WORKFLOW_STALLED_ALERT_MINUTES while the engine took up none: orders are not moving. */
export async function watchEngine(deps: AlertDeps): Promise<void> {
  const now = deps.now();
  const stalledMs = deps.config.workflowStalledMs;
  const progress = await engineProgress(
    deps.db,
    new Date(now.getTime() - stalledMs),
    new Date(now.getTime() - stalledMs),
  );
  const subject = { kind: "system" as const, id: "workflow-engine", label: "Workflow engine", link: "/" };
  if (progress.overdue === 0 || progress.progressed) {
    await resolveCleared(deps, subject, "The workflow engine is taking up its runs again", ["workflow-stalled"]);
    return;
  }
  await raise(deps, {
    type: "workflow-stalled",
    subject,
    message: `${progress.overdue} workflow run(s) are due (the oldest since ${clock(progress.oldestDueAt!)}) and the engine has started none for ${minutes(stalledMs)} minutes: paid orders are not being fulfilled. Check the server's log; restarting the server resumes every run where it stopped.`,
    details: { overdue: progress.overdue, oldestDueAt: progress.oldestDueAt?.toISOString() },
  });
}

/** Alerts of orders that completed, left open by a missed resolution (a crash between the two). */
export async function resolveFinishedOrders(deps: AlertDeps): Promise<void> {
  const orders = await reading(deps.db, (stores) => stores.alerts.ordersFinishedWithOpenAlerts(50));
  for (const orderId of orders)
    await resolveCleared(deps, { kind: "order", orderId }, "The order completed: every key is stored");
}

/** Deliveries no engine run has moved for two minutes: sent from here, once each, claimed first. */
export async function deliverOverdue(deps: AlertDeps): Promise<void> {
  const now = deps.now();
  const due = await reading(deps.db, (stores) =>
    stores.alerts.overdueDeliveries(new Date(now.getTime() - DELIVERY_OVERDUE_MS), now, 20),
  );
  for (const deliveryId of due) await attemptDelivery(deps, deliveryId);
}

/** Forgets alerts resolved more than 90 days ago. */
export async function purgeOldAlerts(deps: AlertDeps): Promise<number> {
  const before = new Date(deps.now().getTime() - RESOLVED_KEPT_MS);
  return inTransaction(deps.db, (tx) => tx.alerts.purgeResolved(before));
}

/** One round of every check; one check's failure does not stop the others. */
export async function watchOnce(deps: AlertDeps): Promise<void> {
  const checks: Array<[string, () => Promise<void>]> = [
    ["cws", () => watchCws(deps, cwsStatus(), probeCws)],
    // Only the embedded engine keeps its runs in our database; Inngest watches its own.
    ...(workflowMode() === "embedded" ? [["engine", () => watchEngine(deps)] as [string, () => Promise<void>]] : []),
    ["orders", () => resolveFinishedOrders(deps)],
    ["deliveries", () => deliverOverdue(deps)],
    ["retention", async () => void (await purgeOldAlerts(deps))],
  ];
  for (const [name, check] of checks) {
    try {
      await check();
    } catch (error) {
      deps.log.error(
        { check: name, reason: error instanceof Error ? error.message : String(error) },
        "an alert check failed",
      );
    }
  }
}

/** One cheap CWS call (the account), its outcome recorded by the client like any other; then what is known. */
async function probeCws(): Promise<CwsStatus> {
  try {
    await getFulfillmentDeps().cws.getAccount({ timeoutMs: 5_000, maxRetries: 0 });
  } catch {
    // Recorded as a failure by the client.
  }
  return cwsStatus();
}

const holder = globalThis as typeof globalThis & { __alertWatchdog?: NodeJS.Timeout };

/** Starts the checks in this server process (once, however many module instances load this). */
export function startAlertWatchdog(): void {
  if (holder.__alertWatchdog) return;
  let running = false;
  holder.__alertWatchdog = setInterval(() => {
    if (running) return;
    running = true;
    void watchOnce(getAlertDeps()).finally(() => {
      running = false;
    });
  }, WATCH_EVERY_MS);
  holder.__alertWatchdog.unref();
}
