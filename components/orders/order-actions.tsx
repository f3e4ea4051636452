"use client";

import { BuyAgainButton } from "./buy-again-button";
import { MarkFailedButton } from "./mark-failed-button";
import { RetryFulfillmentButton } from "./retry-fulfillment-button";
import type { OrderDetail } from "./types";

type OrderActionsProps = { order: OrderDetail; onActed: () => void };

/** The staff actions the server allows on this order for the signed-in user; nothing when it allows none. */
export function OrderActions({ order, onActed }: OrderActionsProps) {
  const { retryFulfillment, markFailed, buyAgain } = order.actions;
  if (!retryFulfillment.allowed && !markFailed.allowed && !buyAgain.allowed) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {retryFulfillment.allowed && <RetryFulfillmentButton orderId={order.id} onQueued={onActed} />}
      {markFailed.allowed && <MarkFailedButton orderId={order.id} onDone={onActed} />}
      {buyAgain.allowed && <BuyAgainButton orderId={order.id} onDone={onActed} />}
    </div>
  );
}
