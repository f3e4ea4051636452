import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import { auditKeys } from "@/components/audit/api";
import {
  acknowledgeAlertSchema,
  resolveAlertSchema,
  type AlertDetail,
  type AlertPage,
  type AlertSummary,
} from "@/lib/admin/alert-schema";
import { ALERTS_PAGE_SIZE, type AlertFilters } from "./filters";

/** On-call staff see a new alert within this long, on the Alerts page and in the sidebar. */
const REFRESH_MS = 15_000;
/** While a channel delivery waits for its next attempt, the alert's page follows it this often. */
const FOLLOW_DELIVERY_MS = 3_000;

export const alertKeys = {
  all: ["alerts"] as const,
  lists: () => [...alertKeys.all, "list"] as const,
  list: (filters: AlertFilters) => [...alertKeys.lists(), filters] as const,
  detail: (id: string) => [...alertKeys.all, "detail", id] as const,
  summary: () => [...alertKeys.all, "summary"] as const,
};

const alertPath = (id: string) => `/api/admin/alerts/${encodeURIComponent(id)}`;

// ---- the list

export function getAlerts(filters: AlertFilters, signal?: AbortSignal): Promise<AlertPage> {
  const params = new URLSearchParams({
    state: filters.state,
    page: String(filters.page),
    pageSize: String(ALERTS_PAGE_SIZE),
  });
  if (filters.type) params.set("type", filters.type);
  if (filters.severity) params.set("severity", filters.severity);
  return fetchJson<AlertPage>(`/api/admin/alerts?${params}`, { signal });
}

export const alertsQueryOptions = (filters: AlertFilters) =>
  queryOptions({
    queryKey: alertKeys.list(filters),
    queryFn: ({ signal }) => getAlerts(filters, signal),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });

export function useAlerts(filters: AlertFilters) {
  return useQuery(alertsQueryOptions(filters));
}

// ---- one alert

export const alertQueryOptions = (id: string) =>
  queryOptions({
    queryKey: alertKeys.detail(id),
    queryFn: ({ signal }) => fetchJson<AlertDetail>(alertPath(id), { signal }),
    refetchInterval: (query) =>
      query.state.data?.deliveries.some((delivery) => delivery.status === "pending") ? FOLLOW_DELIVERY_MS : REFRESH_MS,
  });

export function useAlert(id: string) {
  return useQuery(alertQueryOptions(id));
}

// ---- the sidebar's count

export const alertSummaryQueryOptions = () =>
  queryOptions({
    queryKey: alertKeys.summary(),
    queryFn: ({ signal }) => fetchJson<AlertSummary>("/api/admin/alerts/summary", { signal }),
    refetchInterval: REFRESH_MS,
  });

/** Open alerts and how many of them are critical, refreshed every 15 seconds on every page. */
export function useAlertSummary() {
  return useQuery(alertSummaryQueryOptions());
}

// ---- staff actions: each moves the alert to another state, so its page, every list, the count and the audit log change

export type AlertAction = "acknowledge" | "resolve";

export type AlertNote = { note?: string };

const NOTE_SCHEMAS = { acknowledge: acknowledgeAlertSchema, resolve: resolveAlertSchema } as const;

export function useAlertAction(id: string, action: AlertAction) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AlertNote) =>
      fetchJson<AlertDetail>(`${alertPath(id)}/${action}`, { json: NOTE_SCHEMAS[action].parse(input) }),
    onSuccess: (detail) => {
      queryClient.setQueryData(alertKeys.detail(id), detail);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: alertKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: alertKeys.summary() }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}
