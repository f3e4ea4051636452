"use client";

import { AlertTriangle, XOctagon } from "lucide-react";
import { useState } from "react";
import { ApiError, errorMessage } from "@/components/api/fetch-json";
import { DetailLoadError, DetailLoading, DetailNotFound, DetailPage, DetailSection } from "@/components/ui/detail-page";
import { useOrder } from "./api";
import { OrderActions } from "./order-actions";
import { OrderIds } from "./order-ids";
import { OrderItemsTable } from "./order-items-table";
import { OrderStatusBadge } from "./order-status-badge";
import { OrderTimeline } from "./order-timeline";
import { PlacementAttemptsTable } from "./placement-attempts-table";
import { WorkflowRunSummary } from "./workflow-run-summary";

const back = { href: "/orders", label: "All orders" };

/** One order, everything staff need to understand and unstick it. */
export function OrderDetailView({ orderId }: { orderId: string }) {
  // After a staff action, the status it was taken from: the page polls until the order leaves it.
  const [followFromStatus, setFollowFromStatus] = useState<string | null>(null);
  const order = useOrder(orderId, { fromStatus: followFromStatus });

  if (order.isPending) return <DetailLoading label="Loading the order" />;
  if (order.isError) {
    if (order.error instanceof ApiError && order.error.code === "NOT_FOUND") {
      return (
        <DetailNotFound back={back} title="Order not found">
          No order has the id {orderId}.
        </DetailNotFound>
      );
    }
    return (
      <DetailLoadError
        back={back}
        title="The order could not be loaded"
        message={errorMessage(order.error)}
        onRetry={() => void order.refetch()}
      />
    );
  }

  const detail = order.data;
  return (
    <DetailPage
      back={back}
      title={`G2A order ${detail.g2aOrderId}`}
      status={
        <div className="flex flex-wrap items-center gap-2">
          <OrderStatusBadge status={detail.status} />
          {followFromStatus === detail.status && <span className="text-xs text-slate-500">Following the order…</span>}
        </div>
      }
      actions={<OrderActions order={detail} onActed={() => setFollowFromStatus(detail.status)} />}
      notices={
        <>
          {detail.needsAttention && (
            <div
              role="alert"
              className="flex items-start gap-2 rounded-lg border border-orange-200 bg-orange-50 p-3 text-sm text-orange-900"
            >
              <AlertTriangle aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
              <p>
                <span className="font-medium">Needs attention.</span>{" "}
                {detail.attentionReason ?? "The fulfilment run stopped and waits for staff."}
              </p>
            </div>
          )}
          {detail.lastError && (
            <div className="flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              <XOctagon aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
              <p className="break-words">
                <span className="font-medium">Last error:</span> {detail.lastError}
              </p>
            </div>
          )}
        </>
      }
    >
      <DetailSection title="Identifiers">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <OrderIds order={detail} />
        </div>
      </DetailSection>
      <DetailSection title="Items">
        <OrderItemsTable orderId={detail.id} items={detail.items} canReveal={detail.actions.revealKey.allowed} />
      </DetailSection>
      <DetailSection title="Timeline">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <OrderTimeline events={detail.timeline} />
        </div>
      </DetailSection>
      <DetailSection title="Purchase attempts">
        <PlacementAttemptsTable attempts={detail.attempts} />
      </DetailSection>
      <DetailSection title="Fulfilment run">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <WorkflowRunSummary workflow={detail.workflow} status={detail.status} />
        </div>
      </DetailSection>
    </DetailPage>
  );
}
