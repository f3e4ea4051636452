"use client";

import { XCircle } from "lucide-react";
import { StaffActionButton } from "./staff-action-button";

/** ADMIN: after checking CWS's panel by hand, declares a purchase of unknown outcome as never made. */
export function MarkFailedButton({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  return (
    <StaffActionButton
      orderId={orderId}
      action="mark-failed"
      label="Mark failed"
      pendingLabel="Marking failed…"
      icon={<XCircle aria-hidden className="h-4 w-4" />}
      tone="danger"
      dialogTitle="Mark this order failed?"
      dialogDescription="Only do this after checking the CWS panel: no CWS order exists for this purchase. The order stops and G2A is told it failed. This is recorded in the audit log."
      onDone={onDone}
    />
  );
}
