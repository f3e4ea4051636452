/** How urgent an alert is: critical pages someone, warning needs a look today, info is for the record. */
export type AlertSeverity = "critical" | "warning" | "info";

export const SEVERITIES: readonly AlertSeverity[] = ["critical", "warning", "info"];

/** Whether `severity` is at least `minimum` (critical > warning > info). */
export function atLeast(severity: AlertSeverity, minimum: AlertSeverity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(minimum);
}

/** What an alert is about: an order, a product mapping (and its G2A offer), the CWS account, or the system. */
export type AlertSubjectKind = "order" | "mapping" | "cws-account" | "system";

/** Why a channel is told about an alert now. */
export type AlertEvent = "raised" | "repeated" | "resolved" | "test";

/**
 * One alert as a channel sends it: everything in words, with a link to the dashboard page to act on.
 * It never carries a key, a token or a secret.
 */
export type AlertMessage = {
  event: AlertEvent;
  /** The delivery's id: a receiver can drop a delivery it has already seen. */
  deliveryId: string;
  alert: {
    id: string;
    type: string;
    severity: AlertSeverity;
    /** A short title, e.g. "Order needs a person". */
    title: string;
    /** What happened and what to do, for the person on call. */
    message: string;
    subject: { kind: AlertSubjectKind; id: string | null; label: string };
    /** Absolute URL of the dashboard page to act on. */
    link: string;
    state: "open" | "acknowledged" | "resolved";
    count: number;
    firstSeenAt: Date;
    lastSeenAt: Date;
    /** How it was resolved (by itself or by whom), once resolved. */
    resolution: string | null;
  };
};
