import type { AlertSeverity, AlertSubjectKind } from "./message";

/** What every alert of a type says before its own message: a title, how urgent, and what it is about. */
export type AlertTypeInfo = { title: string; severity: AlertSeverity; subject: AlertSubjectKind };

// Every type the product raises. An order's alerts resolve themselves when the order completes; the
// others when their condition clears (see where each is resolved), or when staff resolve them.
const TYPES = {
  // An order waiting for a person.
  "outcome-unknown": { title: "Purchase outcome unknown", severity: "critical", subject: "order" },
  "duplicate-purchase": { title: "Several CWS orders for one order", severity: "critical", subject: "order" },
  "run-failed": { title: "Fulfilment stopped", severity: "critical", subject: "order" },
  "keys-late": { title: "Keys late", severity: "warning", subject: "order" },
  stuck: { title: "Order stuck", severity: "warning", subject: "order" },
  "needs-attention": { title: "Order needs a person", severity: "warning", subject: "order" },
  "keys-returned": { title: "Keys returned by G2A", severity: "warning", subject: "order" },
  // An order that failed.
  "order-failed": { title: "Order failed", severity: "warning", subject: "order" },
  "cws-balance-too-low": { title: "Order failed: CWS balance too low", severity: "critical", subject: "order" },
  "cws-refused": { title: "Order failed: CWS refused the purchase", severity: "warning", subject: "order" },
  "cws-order-failed": { title: "Order failed at CWS", severity: "warning", subject: "order" },
  "price-changed": { title: "Order failed: CWS price changed", severity: "warning", subject: "order" },
  "price-above-ceiling": { title: "Order failed: CWS price above the ceiling", severity: "warning", subject: "order" },
  "product-gone": { title: "Order failed: product gone at CWS", severity: "warning", subject: "order" },
  // The CWS account.
  "cws-balance-low": { title: "CWS balance low", severity: "warning", subject: "cws-account" },
  "cws-unreachable": { title: "CWS unreachable", severity: "critical", subject: "cws-account" },
  // Offers on G2A.
  "auction-deactivated": { title: "G2A deactivated an offer", severity: "warning", subject: "mapping" },
  "offer-sync-failing": { title: "Offer sync failing", severity: "warning", subject: "mapping" },
  // The system.
  "workflow-stalled": { title: "Workflow engine not making progress", severity: "critical", subject: "system" },
  "alert-channel-failing": { title: "Alert channel failing", severity: "warning", subject: "system" },
  "sign-in-failures": { title: "Repeated failed sign-ins", severity: "warning", subject: "system" },
  "backup-overdue": { title: "Database backup overdue", severity: "warning", subject: "system" },
} as const satisfies Record<string, AlertTypeInfo>;

export type AlertType = keyof typeof TYPES;

export const ALERT_TYPES = Object.keys(TYPES) as AlertType[];

export function alertTypeInfo(type: AlertType): AlertTypeInfo {
  return TYPES[type];
}

export function isAlertType(value: string): value is AlertType {
  return Object.hasOwn(TYPES, value);
}

/** The types of an order's alerts that a person must act on: they resolve once the order is finished. */
export const ORDER_ALERT_TYPES = ALERT_TYPES.filter((type) => TYPES[type].subject === "order");
