import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { ReservationPage } from "@/lib/admin/reservations";

export const RESERVATIONS_PAGE_SIZE = 25;
const ACTIVE_REFRESH_MS = 10_000;

export type ReservationFilters = { state: "active" | "past"; q?: string; page: number };

export const reservationsQueryOptions = (filters: ReservationFilters) =>
  queryOptions({
    queryKey: ["reservations", filters],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({
        state: filters.state,
        page: String(filters.page),
        pageSize: String(RESERVATIONS_PAGE_SIZE),
        ...(filters.q ? { q: filters.q } : {}),
      });
      return fetchJson<ReservationPage>(`/api/admin/reservations?${params}`, { signal });
    },
    placeholderData: keepPreviousData,
    // Active reservations come and go by themselves (orders, expiry); past ones stay still.
    refetchInterval: filters.state === "active" ? ACTIVE_REFRESH_MS : false,
  });

export function useReservations(filters: ReservationFilters) {
  return useQuery(reservationsQueryOptions(filters));
}
