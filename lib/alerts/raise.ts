import { alertDeliveryRequested } from "@/inngest/events";
import { sendEvents } from "@/inngest/send";
import { jsonWithBigInts } from "@/lib/json";
import { inTransaction, reading, type Stores } from "@/lib/stores";
import { alertTypeInfo, type AlertType } from "./catalogue";
import { channelsFor } from "./channel-list";
import type { AlertDeps } from "./config";
import type { AlertSeverity } from "./message";
import type { AlertRecord, DeliveryRecord } from "./store";

/** What an alert is about; the dashboard page it links to follows from it. */
export type AlertSubject =
  | { kind: "order"; orderId: string }
  | { kind: "mapping"; g2aProductId: string }
  | { kind: "cws-account" }
  | { kind: "system"; id: string; label: string; link?: string };

export type NewAlert = {
  type: AlertType;
  /** The type's own severity unless given. */
  severity?: AlertSeverity;
  subject: AlertSubject;
  /** What happened and what to do, in words for the person on call. */
  message: string;
  /** Facts behind the message (ids, amounts); never a key, token or secret. */
  details?: Record<string, unknown>;
};

const RANK: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

type SubjectColumns = { subjectKind: AlertRecord["subjectKind"]; subjectId: string };

export function subjectColumns(subject: AlertSubject): SubjectColumns {
  switch (subject.kind) {
    case "order":
      return { subjectKind: "order", subjectId: subject.orderId };
    case "mapping":
      return { subjectKind: "mapping", subjectId: subject.g2aProductId };
    case "cws-account":
      return { subjectKind: "cws-account", subjectId: "" };
    case "system":
      return { subjectKind: "system", subjectId: subject.id };
  }
}

function labelAndLink(stores: Stores, subject: AlertSubject): { subjectLabel: string; link: string } {
  switch (subject.kind) {
    case "order": {
      const g2aOrderId = stores.orders.g2aOrderIdOf(subject.orderId);
      return {
        subjectLabel: g2aOrderId ? `G2A order ${g2aOrderId}` : `Order ${subject.orderId}`,
        link: `/orders/${subject.orderId}`,
      };
    }
    case "mapping":
      return { subjectLabel: `G2A product ${subject.g2aProductId}`, link: `/offers/${subject.g2aProductId}` };
    case "cws-account":
      return { subjectLabel: "CWS account", link: "/" };
    case "system":
      return { subjectLabel: subject.label, link: subject.link ?? "/alerts" };
  }
}

/** How long one message stands for a wave of alerts of its type, when no repeat interval is set. */
const WAVE_MS = 3_600_000;

/**
 * Why channels are told about the alert now, or null. Repeats of an acknowledged alert are never
 * re-sent. A new alert is not sent while another of its type, still open, was sent within the repeat
 * interval: when the CWS balance runs out, every later order fails, and one message says so (the
 * Alerts page lists them all).
 */
function notifyEvent(
  deps: AlertDeps,
  stores: Stores,
  alert: AlertRecord,
  created: boolean,
  now: Date,
): DeliveryRecord["event"] | null {
  const { repeatNotifyMs } = deps.config;
  if (!created && alert.state !== "open") return null;
  if (!created && alert.lastNotifiedAt !== null) {
    if (alert.notifiedSeverity && RANK[alert.severity] < RANK[alert.notifiedSeverity]) return "repeated";
    return repeatNotifyMs > 0 && now.getTime() - alert.lastNotifiedAt.getTime() >= repeatNotifyMs ? "repeated" : null;
  }
  // New, or never sent yet: unless it is part of a wave that was already sent.
  const since = new Date(now.getTime() - (repeatNotifyMs > 0 ? repeatNotifyMs : WAVE_MS));
  if (stores.alerts.othersNotifiedSince(alert, since) > 0) return null;
  return created ? "raised" : "repeated";
}

/** Queues the alert's message to every channel that takes it; in the caller's transaction. */
function queueDeliveries(
  deps: AlertDeps,
  stores: Stores,
  alert: AlertRecord,
  event: DeliveryRecord["event"],
  now: Date,
): string[] {
  const channels = channelsFor(alert, deps.config.environmentChannels, stores.alerts.storedChannels());
  const ids = channels.map((channel) => stores.alerts.addDelivery(alert.id, channel, event, now));
  if (ids.length > 0 && event !== "resolved") stores.alerts.markNotified(alert.id, alert.severity, now);
  return ids;
}

/** Asks the engine to deliver; never waited for by the caller's request, never thrown. */
function requestDeliveries(deps: AlertDeps, deliveryIds: readonly string[]): void {
  if (deliveryIds.length === 0) return;
  void sendEvents(
    deps.db,
    deps.log,
    deliveryIds.map((deliveryId) => alertDeliveryRequested.create({ deliveryId }, { id: deliveryId })),
    "an alert delivery",
  );
}

/**
 * Opens an alert, or counts a repeat of the one open for its type and subject, and queues its message
 * to the channels when it is new (or repeats while open, at most every ALERT_REPEAT_NOTIFY_MINUTES).
 */
export async function raise(
  deps: AlertDeps,
  input: NewAlert,
): Promise<{ alert: AlertRecord; created: boolean; deliveries: number }> {
  const info = alertTypeInfo(input.type);
  const now = deps.now();
  const { alert, created, deliveryIds } = await inTransaction(deps.db, (tx) => {
    const raised = tx.alerts.raise(
      {
        type: input.type,
        severity: input.severity ?? info.severity,
        ...subjectColumns(input.subject),
        ...labelAndLink(tx, input.subject),
        title: info.title,
        message: input.message,
        details: input.details ? jsonWithBigInts(input.details) : null,
      },
      now,
    );
    const event = notifyEvent(deps, tx, raised.alert, raised.created, now);
    return { ...raised, deliveryIds: event ? queueDeliveries(deps, tx, raised.alert, event, now) : [] };
  });
  deps.log.warn(
    { alert: input.type, alertId: alert.id, severity: alert.severity, subject: alert.subjectLabel, count: alert.count },
    input.message,
  );
  requestDeliveries(deps, deliveryIds);
  return { alert, created, deliveries: deliveryIds.length };
}

/** Resolves the subject's alerts (of these types, or all) whose condition cleared, saying why; the count resolved. */
export async function resolveCleared(
  deps: AlertDeps,
  subject: AlertSubject,
  resolution: string,
  types: readonly AlertType[] | null = null,
): Promise<number> {
  const { subjectKind, subjectId } = subjectColumns(subject);
  const now = deps.now();
  // Nearly always nothing is open (every completed order asks): a read, not a write transaction.
  const anyOpen = await reading(
    deps.db,
    (stores) => stores.alerts.unresolvedOf(subjectKind, subjectId, types).length > 0,
  );
  if (!anyOpen) return 0;
  const { resolved, deliveryIds } = await inTransaction(deps.db, (tx) => {
    const open = tx.alerts.unresolvedOf(subjectKind, subjectId, types);
    const ids: string[] = [];
    let count = 0;
    for (const alert of open) {
      if (!tx.alerts.resolve(alert.id, null, resolution, now)) continue;
      count++;
      if (alert.lastNotifiedAt) ids.push(...queueDeliveries(deps, tx, alert, "resolved", now));
    }
    return { resolved: count, deliveryIds: ids };
  });
  if (resolved > 0) deps.log.info({ subject: subjectId || subjectKind, resolved }, `alerts resolved: ${resolution}`);
  requestDeliveries(deps, deliveryIds);
  return resolved;
}

/** Staff resolve one alert with a note; channels that were told of it hear it is resolved. */
export async function resolveByStaff(
  deps: AlertDeps,
  alertId: string,
  by: string,
  note: string,
  audit: (tx: Stores) => void,
): Promise<AlertRecord | null> {
  const now = deps.now();
  const result = await inTransaction(deps.db, (tx) => {
    const alert = tx.alerts.byId(alertId);
    if (!alert || !tx.alerts.resolve(alertId, by, `Resolved by ${by}: ${note}`, now)) return null;
    audit(tx);
    const ids = alert.lastNotifiedAt ? queueDeliveries(deps, tx, alert, "resolved", now) : [];
    return { alert: tx.alerts.byId(alertId)!, ids };
  });
  if (result) requestDeliveries(deps, result.ids);
  return result?.alert ?? null;
}
