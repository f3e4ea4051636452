"use client";

import type { StaffRole } from "@/components/api/current-user";
import { BuyAgainButton } from "./buy-again-button";
import { MarkFailedButton } from "./mark-failed-button";
import { RetryFulfillmentButton } from "./retry-fulfillment-button";
import { RETRYABLE_STATUSES, type OrderDetail } from "./types";

type OrderActionsProps = { order: OrderDetail; role: StaffRole | undefined; onActed: () => void };

/** The staff actions this order allows for this role; nothing at all for a viewer or a finished order. */
export function OrderActions({ order, role, onActed }: OrderActionsProps) {
  const canRetry = (role === "ADMIN" || role === "OPERATOR") && RETRYABLE_STATUSES.has(order.status);
  // Outcome unknown: the purchase may or may not exist at CWS, so the run stopped and asks a human.
  const canMarkFailed = role === "ADMIN" && order.status === "PLACING" && order.needsAttention;
  const canBuyAgain = role === "ADMIN" && order.status === "FAILED" && order.cws.orderId !== null;
  if (!canRetry && !canMarkFailed && !canBuyAgain) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {canRetry && <RetryFulfillmentButton orderId={order.id} onQueued={onActed} />}
      {canMarkFailed && <MarkFailedButton orderId={order.id} onDone={onActed} />}
      {canBuyAgain && <BuyAgainButton orderId={order.id} onDone={onActed} />}
    </div>
  );
}
