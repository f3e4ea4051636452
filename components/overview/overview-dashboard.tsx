"use client";

import { errorMessage } from "@/components/api/fetch-json";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useOverview } from "./api";
import { AttentionList } from "./attention-list";
import { BackupCard } from "./backup-card";
import { BalanceCard } from "./balance-card";
import { LastDayChart } from "./last-day-chart";
import { RecentNotifications } from "./recent-notifications";
import { StatusCounts } from "./status-counts";

function OverviewSkeleton() {
  return (
    <div role="status" aria-label="Loading the overview" className="space-y-4">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} className="h-20" />
        ))}
      </div>
      <Skeleton className="h-72" />
    </div>
  );
}

/** Orders per status, what needs a person, the last day's orders and margin, the CWS balance, backups and G2A's news. */
export function OverviewDashboard() {
  const overview = useOverview();
  if (overview.isPending) return <OverviewSkeleton />;
  if (overview.isError)
    return (
      <ErrorState
        title="The overview could not be loaded"
        message={errorMessage(overview.error)}
        onRetry={() => void overview.refetch()}
      />
    );
  const data = overview.data;
  return (
    <div className="space-y-4">
      {data.sellingPaused && (
        <p
          role="status"
          className="rounded-md border border-orange-200 bg-orange-50 px-3 py-2 text-sm font-medium text-orange-900"
        >
          Selling is paused: G2A gets no new reservations until an admin turns it back on in Settings.
        </p>
      )}
      <StatusCounts counts={data.ordersByStatus} />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <LastDayChart buckets={data.lastDay} />
        </div>
        <div className="space-y-4">
          <BalanceCard
            balance={data.cwsBalance}
            sellingPaused={data.sellingPaused}
            activeReservations={data.activeReservations}
          />
          <BackupCard backup={data.backup} />
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <AttentionList attention={data.needsAttention} />
        <RecentNotifications notifications={data.notifications} />
      </div>
    </div>
  );
}
