"use client";

import { ShoppingCart } from "lucide-react";
import { StaffActionButton } from "./staff-action-button";

/** ADMIN: CWS cancelled or failed its order, so buy the same lines anew (the old CWS order id is archived). */
export function BuyAgainButton({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  return (
    <StaffActionButton
      orderId={orderId}
      action="buy-again"
      label="Buy again"
      pendingLabel="Buying again…"
      icon={<ShoppingCart aria-hidden className="h-4 w-4" />}
      tone="primary"
      dialogTitle="Buy this order again at CWS?"
      dialogDescription="CWS ended its order for this purchase. A new CWS order will be placed and paid for; the old CWS order id is kept in the archive. This is recorded in the audit log."
      onDone={onDone}
    />
  );
}
