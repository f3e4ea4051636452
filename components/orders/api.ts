import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { reasonSchema, type StaffReason } from "@/lib/fulfillment/reason";
import { fetchJson } from "@/components/api/fetch-json";
import { ORDERS_PAGE_SIZE, orderFiltersToSearch, type OrderFilters } from "./filters";
import {
  IN_PROGRESS_STATUSES,
  type OrderDetail,
  type OrderPage,
  type RevealedKey,
  type StaffActionResult,
} from "./types";

const LIST_REFRESH_MS = 3_000;
const DETAIL_REFRESH_MS = 2_000;

export const orderKeys = {
  all: ["orders"] as const,
  lists: () => [...orderKeys.all, "list"] as const,
  list: (filters: OrderFilters) => [...orderKeys.lists(), filters] as const,
  detail: (orderId: string) => [...orderKeys.all, "detail", orderId] as const,
};

// ---- orders list

export function getOrders(filters: OrderFilters, signal?: AbortSignal): Promise<OrderPage> {
  const search = orderFiltersToSearch(filters);
  const params = new URLSearchParams(search);
  params.set("page", String(filters.page));
  params.set("pageSize", String(ORDERS_PAGE_SIZE));
  return fetchJson<OrderPage>(`/api/admin/orders?${params}`, { signal });
}

export const ordersQueryOptions = (filters: OrderFilters) =>
  queryOptions({
    queryKey: orderKeys.list(filters),
    queryFn: ({ signal }) => getOrders(filters, signal),
    placeholderData: keepPreviousData,
    // Follows orders on their way; a page of finished orders stays still.
    refetchInterval: (query) =>
      query.state.data?.items.some((order) => IN_PROGRESS_STATUSES.has(order.status)) ? LIST_REFRESH_MS : false,
  });

export function useOrders(filters: OrderFilters) {
  return useQuery(ordersQueryOptions(filters));
}

// ---- one order

export function getOrder(orderId: string, signal?: AbortSignal): Promise<OrderDetail> {
  return fetchJson<OrderDetail>(`/api/admin/orders/${encodeURIComponent(orderId)}`, { signal });
}

export const orderQueryOptions = (orderId: string, follow: { fromStatus: string | null } = { fromStatus: null }) =>
  queryOptions({
    queryKey: orderKeys.detail(orderId),
    queryFn: ({ signal }) => getOrder(orderId, signal),
    // After a staff action the page follows the order until its status changes, and keeps following
    // while it is in progress.
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (!status) return false;
      return status === follow.fromStatus || IN_PROGRESS_STATUSES.has(status) ? DETAIL_REFRESH_MS : false;
    },
  });

export function useOrder(orderId: string, follow?: { fromStatus: string | null }) {
  return useQuery(orderQueryOptions(orderId, follow));
}

// ---- staff actions

export type StaffAction = "retry-fulfillment" | "mark-failed" | "buy-again";

export function postStaffAction(orderId: string, action: StaffAction, input: StaffReason): Promise<StaffActionResult> {
  return fetchJson<StaffActionResult>(`/api/admin/orders/${encodeURIComponent(orderId)}/${action}`, {
    json: reasonSchema.parse(input),
  });
}

/** Retry Fulfillment, Mark failed or Buy again: each changes this order and so the lists it appears in. */
export function useStaffAction(orderId: string, action: StaffAction) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StaffReason) => postStaffAction(orderId, action, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) }),
        queryClient.invalidateQueries({ queryKey: orderKeys.lists() }),
      ]),
  });
}

// ---- revealing a key

export function revealKey(keyId: string, input: StaffReason): Promise<RevealedKey> {
  return fetchJson<RevealedKey>(`/api/admin/keys/${encodeURIComponent(keyId)}/reveal`, {
    json: reasonSchema.parse(input),
  });
}

/** Reveals one key; the reveal is recorded on the order's timeline, so only that order's page is refreshed. */
export function useRevealKey(orderId: string, keyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StaffReason) => revealKey(keyId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) }),
  });
}
