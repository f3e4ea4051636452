"use client";

import { AlertTriangle, ArrowLeft, XOctagon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ApiError, errorMessage } from "@/components/api/fetch-json";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useOrder } from "./api";
import { OrderActions } from "./order-actions";
import { OrderIds } from "./order-ids";
import { OrderItemsTable } from "./order-items-table";
import { OrderStatusBadge } from "./order-status-badge";
import { OrderTimeline } from "./order-timeline";
import { PlacementAttemptsTable } from "./placement-attempts-table";
import { WorkflowRunSummary } from "./workflow-run-summary";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="space-y-3">
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function OrderDetailSkeleton() {
  return (
    <div role="status" aria-label="Loading the order" className="space-y-4">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-32 w-full" />
      <Skeleton className="h-24 w-full" />
    </div>
  );
}

const backLink = (
  <Link href="/orders" className="inline-flex items-center gap-1 text-sm text-brand-600 hover:underline">
    <ArrowLeft aria-hidden className="h-4 w-4" />
    All orders
  </Link>
);

/** One order, everything staff need to understand and unstick it. */
export function OrderDetailView({ orderId }: { orderId: string }) {
  // After a staff action, the status it was taken from: the page polls until the order leaves it.
  const [followFromStatus, setFollowFromStatus] = useState<string | null>(null);
  const order = useOrder(orderId, { fromStatus: followFromStatus });

  if (order.isPending) return <OrderDetailSkeleton />;
  if (order.isError) {
    if (order.error instanceof ApiError && order.error.code === "NOT_FOUND") {
      return (
        <div className="space-y-4">
          {backLink}
          <h1 className="text-xl font-semibold">Order not found</h1>
          <p className="text-sm text-slate-600">No order has the id {orderId}.</p>
        </div>
      );
    }
    return (
      <div className="space-y-4">
        {backLink}
        <ErrorState
          title="The order could not be loaded"
          message={errorMessage(order.error)}
          onRetry={() => void order.refetch()}
        />
      </div>
    );
  }

  const detail = order.data;
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        {backLink}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <h1 className="text-xl font-semibold break-all">G2A order {detail.g2aOrderId}</h1>
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <OrderStatusBadge status={detail.status} />
              {followFromStatus === detail.status && (
                <span className="text-xs text-slate-500">Following the order…</span>
              )}
            </div>
          </div>
          <OrderActions order={detail} onActed={() => setFollowFromStatus(detail.status)} />
        </div>
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
      </div>
      <Section title="Identifiers">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <OrderIds order={detail} />
        </div>
      </Section>
      <Section title="Items">
        <OrderItemsTable orderId={detail.id} items={detail.items} canReveal={detail.actions.revealKey.allowed} />
      </Section>
      <Section title="Timeline">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <OrderTimeline events={detail.timeline} />
        </div>
      </Section>
      <Section title="Purchase attempts">
        <PlacementAttemptsTable attempts={detail.attempts} />
      </Section>
      <Section title="Fulfilment run">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <WorkflowRunSummary workflow={detail.workflow} />
        </div>
      </Section>
    </div>
  );
}
