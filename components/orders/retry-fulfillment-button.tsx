"use client";

import { RefreshCw } from "lucide-react";
import { StaffActionButton } from "./staff-action-button";

/** The owner's Retry Fulfillment button: starts a new fulfilment run for a stuck or failed order. */
export function RetryFulfillmentButton({ orderId, onQueued }: { orderId: string; onQueued: () => void }) {
  return (
    <StaffActionButton
      orderId={orderId}
      action="retry-fulfillment"
      label="Retry Fulfillment"
      pendingLabel="Retrying…"
      icon={<RefreshCw aria-hidden className="h-4 w-4" />}
      tone="warning"
      dialogTitle="Retry fulfillment"
      dialogDescription="A new fulfilment run starts for this order. It never buys twice: if CWS already has an order, it resumes waiting for its codes. Your reason goes to the timeline and the audit log."
      onDone={onQueued}
    />
  );
}
