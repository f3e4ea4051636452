"use client";

import { BellOff } from "lucide-react";
import { useId } from "react";
import { z } from "zod";
import { errorMessage } from "@/components/api/fetch-json";
import { formatDateTime } from "@/components/orders/format";
import { inputStyles } from "@/components/ui/button-styles";
import { DataTable, cellStyles } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useListSearch } from "@/components/ui/use-list-search";
import { NOTIFICATIONS_PAGE_SIZE, useNotifications, type NotificationFilters } from "./api";

const filtersSchema = z.object({
  type: z.string().trim().max(64).optional().catch(undefined),
  q: z.string().trim().max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

const COLUMNS = [
  { label: "Received" },
  { label: "Type" },
  { label: "Offer / auction" },
  { label: "Message" },
  { label: "As sent" },
] as const;

/** Everything G2A told us through its notifications endpoint, newest first, each as it was sent. */
export function NotificationsList() {
  const id = useId();
  const { params, update } = useListSearch();
  const filters: NotificationFilters = filtersSchema.parse(params);
  const notifications = useNotifications(filters);
  const types = notifications.data?.types ?? [];

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="sm:w-56">
          <label htmlFor={`${id}-type`} className="block text-sm font-medium">
            Type
          </label>
          <select
            id={`${id}-type`}
            value={filters.type ?? ""}
            onChange={(event) => update({ type: event.target.value || undefined })}
            className={`${inputStyles} mt-1`}
          >
            <option value="">All types</option>
            {[...new Set([...types, ...(filters.type ? [filters.type] : [])])].map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
        <SearchForm
          label="Find by offer id or auction id"
          value={filters.q}
          placeholder="Exact id"
          onSearch={(q) => update({ q })}
        />
      </div>
      {notifications.isPending ? (
        <TableSkeleton label="Loading notifications" />
      ) : notifications.isError ? (
        <ErrorState
          title="The notifications could not be loaded"
          message={errorMessage(notifications.error)}
          onRetry={() => void notifications.refetch()}
        />
      ) : notifications.data.items.length === 0 ? (
        <EmptyState
          icon={BellOff}
          title={filters.type || filters.q ? "No notification matches" : "G2A has sent no notifications yet"}
          hint={
            filters.type || filters.q
              ? "Try another type or an exact offer or auction id."
              : "They arrive at POST /api/g2a/notifications and show here."
          }
        />
      ) : (
        <>
          <DataTable columns={COLUMNS} caption="G2A notifications">
            {notifications.data.items.map((notification) => (
              <tr key={notification.id}>
                <td className={`${cellStyles} whitespace-nowrap`}>
                  <time dateTime={notification.receivedAt}>{formatDateTime(notification.receivedAt)}</time>
                </td>
                <td className={`${cellStyles} whitespace-nowrap font-medium`}>
                  {notification.notificationType ?? "—"}
                </td>
                <td className={`${cellStyles} whitespace-nowrap`}>
                  {notification.offerId && <span className="block">Offer {notification.offerId}</span>}
                  {notification.auctionId && (
                    <span className="block text-slate-600">Auction {notification.auctionId}</span>
                  )}
                  {!notification.offerId && !notification.auctionId && "—"}
                </td>
                <td className={`${cellStyles} min-w-48`}>{notification.message ?? "—"}</td>
                <td className={cellStyles}>
                  <details>
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">Show</summary>
                    <pre className="mt-2 max-w-md overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">
                      {notification.raw}
                    </pre>
                  </details>
                </td>
              </tr>
            ))}
          </DataTable>
          <Pagination
            page={notifications.data.page}
            pageSize={NOTIFICATIONS_PAGE_SIZE}
            total={notifications.data.total}
            onPage={(page) => update({ page })}
            noun={["notification", "notifications"]}
          />
        </>
      )}
    </div>
  );
}
