import { inTransaction, reading } from "@/lib/stores";
import { storedChannelInfo, storedTarget, type ChannelInfo } from "./channel-list";
import { sendToChannel } from "./channels";
import type { ChannelTarget } from "./channels/types";
import type { AlertDeps } from "./config";
import type { AlertMessage } from "./message";
import { raise, resolveCleared } from "./raise";
import type { AlertRecord, DeliveryRecord } from "./store";

/** How one attempt ended: sent, to be tried again after `waitMs`, given up, or not this sender's to make. */
export type AttemptOutcome =
  | { status: "sent"; result: string }
  | { status: "retry"; result: string; waitMs: number }
  | { status: "failed"; result: string }
  | { status: "skipped"; result: string };

/** An attempt holds its delivery this long: longer than a send may take. */
const CLAIM_MS = 120_000;

export function messageOf(
  alert: AlertRecord,
  delivery: Pick<DeliveryRecord, "id" | "event">,
  dashboardUrl: string,
): AlertMessage {
  return {
    event: delivery.event,
    deliveryId: delivery.id,
    alert: {
      id: alert.id,
      type: alert.type,
      severity: alert.severity,
      title: alert.title,
      message: alert.message,
      subject: { kind: alert.subjectKind, id: alert.subjectId || null, label: alert.subjectLabel },
      link: `${dashboardUrl}${alert.link}`,
      state: alert.state,
      count: alert.count,
      firstSeenAt: alert.firstSeenAt,
      lastSeenAt: alert.lastSeenAt,
      resolution: alert.resolution,
    },
  };
}

type Channel = ChannelInfo & { target: () => ChannelTarget };

/** The channel by id, as it is now: from the environment, or saved in Settings (its secrets opened on use). */
export async function findChannel(deps: AlertDeps, channelId: string): Promise<Channel | null> {
  const fromEnvironment = deps.config.environmentChannels.find((channel) => channel.id === channelId);
  if (fromEnvironment) return { ...fromEnvironment, target: () => fromEnvironment.target };
  const stored = (await reading(deps.db, (stores) => stores.alerts.storedChannels())).find(
    (channel) => channel.id === channelId,
  );
  if (!stored) return null;
  return { ...storedChannelInfo(stored), target: () => storedTarget(stored, deps.vault()) };
}

/** A channel gave up a delivery: an alert of its own, sent to every other channel. */
async function channelGaveUp(deps: AlertDeps, channel: ChannelInfo, result: string, attempts: number): Promise<void> {
  await raise(deps, {
    type: "alert-channel-failing",
    subject: {
      kind: "system",
      id: channel.id,
      label: `Alert channel "${channel.name}"`,
      link: "/settings#alert-channels",
    },
    message: `Alerts to "${channel.name}" are not getting through: ${attempts} attempts failed, the last with "${result}". Fix the channel in Settings, then send a test alert; open alerts stay on the Alerts page meanwhile.`,
    details: { channelId: channel.id, kind: channel.kind },
  });
}

/**
 * One attempt at one delivery. It claims the delivery first, so the engine's run and the watchdog
 * never send it twice at once; an attempt that fails is retried after the next wait of
 * ALERT_DELIVERY_RETRY_SECONDS, and after the last the delivery is given up and the channel is failing.
 */
export async function attemptDelivery(deps: AlertDeps, deliveryId: string): Promise<AttemptOutcome> {
  const now = deps.now();
  const claimed = await inTransaction(deps.db, (tx) => {
    const delivery = tx.alerts.claimDelivery(deliveryId, new Date(now.getTime() + CLAIM_MS), now);
    return delivery ? { delivery, alert: tx.alerts.byId(delivery.alertId)! } : null;
  });
  if (!claimed) return { status: "skipped", result: "already sent, given up, or being sent by another attempt" };
  const { delivery, alert } = claimed;

  const channel = await findChannel(deps, delivery.channelId);
  if (!channel || !channel.enabled) {
    const result = channel ? "the channel is disabled" : "the channel was removed";
    await inTransaction(deps.db, (tx) => tx.alerts.dropDelivery(delivery.id, result, deps.now()));
    return { status: "skipped", result };
  }
  let target: ChannelTarget;
  try {
    target = channel.target();
  } catch {
    const result = "the channel's secrets cannot be opened with this KEY_ENCRYPTION_KEY; save the channel again";
    await inTransaction(deps.db, (tx) => {
      tx.alerts.recordAttempt(delivery.id, { status: "failed", result, nextAttemptAt: null }, deps.now());
      tx.alerts.channelFailed(channel.id, result, true, deps.now());
    });
    await channelGaveUp(deps, channel, result, delivery.attempts + 1);
    return { status: "failed", result };
  }

  const sent = await sendToChannel(target, messageOf(alert, delivery, deps.config.dashboardUrl), {
    timeoutMs: deps.config.sendTimeoutMs,
    now: deps.now,
  });
  const at = deps.now();
  const attempts = delivery.attempts + 1;
  if (sent.ok) {
    const { wasFailing } = await inTransaction(deps.db, (tx) => {
      tx.alerts.recordAttempt(delivery.id, { status: "sent", result: sent.detail, nextAttemptAt: null }, at);
      return tx.alerts.channelSucceeded(channel.id, at);
    });
    if (wasFailing)
      await resolveCleared(
        deps,
        { kind: "system", id: channel.id, label: channel.name },
        `"${channel.name}" delivered an alert again`,
        ["alert-channel-failing"],
      );
    return { status: "sent", result: sent.detail };
  }
  const waitMs = sent.retryable ? deps.config.retryDelaysMs[attempts - 1] : undefined;
  const result = `attempt ${attempts}: ${sent.error}`;
  if (waitMs !== undefined) {
    await inTransaction(deps.db, (tx) => {
      tx.alerts.recordAttempt(
        delivery.id,
        { status: "pending", result, nextAttemptAt: new Date(at.getTime() + waitMs) },
        at,
      );
      tx.alerts.channelFailed(channel.id, sent.error, false, at);
    });
    return { status: "retry", result, waitMs };
  }
  await inTransaction(deps.db, (tx) => {
    tx.alerts.recordAttempt(delivery.id, { status: "failed", result, nextAttemptAt: null }, at);
    tx.alerts.channelFailed(channel.id, sent.error, true, at);
  });
  await channelGaveUp(deps, channel, sent.error, attempts);
  return { status: "failed", result };
}
