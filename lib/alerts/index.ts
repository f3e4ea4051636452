import { logger } from "@/lib/logger";

export type Alert = {
  /** A stable name operators can filter on, e.g. "keys-returned", "auction-deactivated". */
  kind: string;
  severity: "info" | "warning" | "critical";
  message: string;
  orderId?: string;
  details?: Record<string, unknown>;
};

/**
 * Raises an operator alert. Today an alert is a warn line in the log (plus whatever the caller
 * records on the order); outbound notifications plug in here, so every alert already passes here.
 */
export function raiseAlert(alert: Alert): void {
  logger.warn({ alert: alert.kind, severity: alert.severity, orderId: alert.orderId, ...alert.details }, alert.message);
}
