import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { NotificationPage } from "@/lib/admin/notifications";

export const NOTIFICATIONS_PAGE_SIZE = 25;

export type NotificationFilters = { type?: string; q?: string; page: number };

export const notificationsQueryOptions = (filters: NotificationFilters) =>
  queryOptions({
    queryKey: ["notifications", filters],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ page: String(filters.page), pageSize: String(NOTIFICATIONS_PAGE_SIZE) });
      if (filters.type) params.set("type", filters.type);
      if (filters.q) params.set("q", filters.q);
      return fetchJson<NotificationPage>(`/api/admin/notifications?${params}`, { signal });
    },
    placeholderData: keepPreviousData,
  });

export function useNotifications(filters: NotificationFilters) {
  return useQuery(notificationsQueryOptions(filters));
}
