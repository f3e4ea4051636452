"use client";

import { BellOff } from "lucide-react";
import { useId } from "react";
import { errorMessage } from "@/components/api/fetch-json";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useListSearch } from "@/components/ui/use-list-search";
import type { AlertStateName } from "@/lib/admin/alert-schema";
import { AlertFiltersForm } from "./alert-filters";
import { AlertStateTabs, tabId } from "./alert-state-tabs";
import { AlertsTable } from "./alerts-table";
import { useAlerts } from "./api";
import { ALERTS_PAGE_SIZE, parseAlertFilters } from "./filters";

/** What an empty tab says: what would be there and where it comes from. */
const EMPTY: Record<AlertStateName, { title: string; hint: string }> = {
  open: { title: "No open alerts", hint: "Everything that needs a person shows up here." },
  acknowledged: {
    title: "No acknowledged alerts",
    hint: "An alert someone has taken on waits here until it is resolved, by them or by itself.",
  },
  resolved: {
    title: "No resolved alerts yet",
    hint: "Alerts resolved by staff, or by themselves once their cause cleared, are kept here.",
  },
};

/** The alerts of one state (a tab, kept in the URL with the filters), refreshed every 15 seconds. */
export function AlertsList() {
  const panelId = useId();
  const { params, update } = useListSearch();
  const filters = parseAlertFilters(params);
  const alerts = useAlerts(filters);

  let list: React.ReactNode;
  if (alerts.isPending) list = <TableSkeleton label="Loading alerts" />;
  else if (alerts.isError)
    list = (
      <ErrorState
        title="The alerts could not be loaded"
        message={errorMessage(alerts.error)}
        onRetry={() => void alerts.refetch()}
      />
    );
  else if (alerts.data.items.length === 0)
    list =
      filters.type || filters.severity ? (
        <EmptyState
          icon={BellOff}
          title="No alerts match"
          hint="Try another type or severity, or show all types and severities."
        />
      ) : (
        <EmptyState icon={BellOff} {...EMPTY[filters.state]} />
      );
  else
    list = (
      <>
        <AlertsTable alerts={alerts.data.items} state={filters.state} />
        <Pagination
          page={alerts.data.page}
          pageSize={ALERTS_PAGE_SIZE}
          total={alerts.data.total}
          onPage={(page) => update({ page })}
          noun={["alert", "alerts"]}
        />
      </>
    );

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 lg:flex-row lg:items-end lg:justify-between">
        <AlertStateTabs
          value={filters.state}
          counts={alerts.data?.counts}
          onChange={(state) => update({ state: state === "open" ? undefined : state })}
          panelId={panelId}
        />
        <AlertFiltersForm filters={filters} types={alerts.data?.types} onChange={update} />
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={tabId(panelId, filters.state)} className="space-y-4">
        {list}
      </div>
    </div>
  );
}
