import type { AlertChannelView } from "@/lib/admin/alert-channel-schema";
import type { AlertDeliveryRow, AlertRow, AlertStateName } from "@/lib/admin/alert-schema";

export type AlertChannelKind = AlertChannelView["kind"];

export type AlertSeverity = AlertRow["severity"];

export const SEVERITY_LABELS = {
  critical: "Critical",
  warning: "Warning",
  info: "Info",
} as const satisfies Record<AlertSeverity, string>;

export const SEVERITIES = Object.keys(SEVERITY_LABELS) as AlertSeverity[];

export const STATE_LABELS = {
  open: "Open",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
} as const satisfies Record<AlertStateName, string>;

/** Why a delivery was sent, as the delivery log says it. */
export const EVENT_LABELS: Record<AlertDeliveryRow["event"], string> = {
  raised: "Raised",
  repeated: "Repeated",
  resolved: "Resolved",
  test: "Test",
};

/**
 * How the alert was resolved: staff's resolution already names who and why ("Resolved by …: note");
 * one that cleared by itself has no person, only the condition that cleared.
 */
export function resolutionText(alert: AlertRow): string | null {
  if (!alert.resolvedAt) return null;
  if (alert.resolvedBy === null) return `Resolved by itself: ${alert.resolution ?? "its condition cleared"}`;
  return alert.resolution ?? `Resolved by ${alert.resolvedBy}`;
}

/** "cwsOrderId" -> "Cws order id", for the labels of an alert's details. */
export function detailLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A detail's value in words: text as it is, other values as compact JSON. */
export function detailValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Each kind of alert channel, as Settings names it. */
export const CHANNEL_KIND_LABELS = {
  slack: "Slack-compatible webhook",
  webhook: "Signed webhook",
  email: "E-mail (SMTP)",
} as const satisfies Record<AlertChannelKind, string>;

export const CHANNEL_KINDS = Object.keys(CHANNEL_KIND_LABELS) as AlertChannelKind[];

/** Which alerts a channel takes, by its minimum severity. */
export const MIN_SEVERITY_LABELS = {
  critical: "Critical only",
  warning: "Warning and critical",
  info: "Every alert (info and up)",
} as const satisfies Record<AlertSeverity, string>;
