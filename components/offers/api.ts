import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import {
  acknowledgeSchema,
  type AcknowledgeInput,
  type CreatedOffer,
  type OfferDetail,
  type OfferPage,
  type OfferRow,
  type OfferSyncResult,
} from "@/lib/admin/offer-schema";
import { OFFERS_PAGE_SIZE, type OfferFilters } from "./filters";

/** While G2A works on a job (or an offer is being created), the page follows it this often. */
const FOLLOW_MS = 2_000;

export const offerKeys = {
  all: ["offers"] as const,
  lists: () => [...offerKeys.all, "list"] as const,
  list: (filters: OfferFilters) => [...offerKeys.lists(), filters] as const,
  detail: (g2aProductId: string) => [...offerKeys.all, "detail", g2aProductId] as const,
};

const offerPath = (g2aProductId: string) => `/api/admin/offers/${encodeURIComponent(g2aProductId)}`;

/** An offer G2A is still working on: the page reads it again until the job is settled. */
export const isWaitingForG2a = (offer: OfferRow) => offer.pendingJobId !== null || offer.status === "creating";

// ---- the list

export function getOffers(filters: OfferFilters, signal?: AbortSignal): Promise<OfferPage> {
  const params = new URLSearchParams({ page: String(filters.page), pageSize: String(OFFERS_PAGE_SIZE) });
  if (filters.problem) params.set("problem", filters.problem);
  if (filters.q) params.set("q", filters.q);
  return fetchJson<OfferPage>(`/api/admin/offers?${params}`, { signal });
}

export const offersQueryOptions = (filters: OfferFilters) =>
  queryOptions({
    queryKey: offerKeys.list(filters),
    queryFn: ({ signal }) => getOffers(filters, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(isWaitingForG2a) ? FOLLOW_MS : false),
  });

export function useOffers(filters: OfferFilters) {
  return useQuery(offersQueryOptions(filters));
}

// ---- one offer

export const offerQueryOptions = (g2aProductId: string) =>
  queryOptions({
    queryKey: offerKeys.detail(g2aProductId),
    queryFn: ({ signal }) => fetchJson<OfferDetail>(offerPath(g2aProductId), { signal }),
    refetchInterval: (query) => (query.state.data && isWaitingForG2a(query.state.data.offer) ? FOLLOW_MS : false),
  });

export function useOffer(g2aProductId: string) {
  return useQuery(offerQueryOptions(g2aProductId));
}

// ---- staff actions: each changes this offer, and so the lists it appears in

/** What an action answers, said in one sentence for its toast. */
export type OfferActionAnswer = { message: string };

function useOfferMutation<Input>(g2aProductId: string, mutationFn: (input: Input) => Promise<OfferActionAnswer>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: offerKeys.detail(g2aProductId) }),
        queryClient.invalidateQueries({ queryKey: offerKeys.lists() }),
      ]),
  });
}

const post = <T>(g2aProductId: string, action: string, json?: unknown) =>
  fetchJson<T>(`${offerPath(g2aProductId)}/${action}`, { method: "POST", json });

/** ADMIN: "Create offer on G2A". */
export function useCreateOffer(g2aProductId: string) {
  return useOfferMutation<void>(g2aProductId, async () => {
    const created = await post<CreatedOffer>(g2aProductId, "create");
    return { message: created.message };
  });
}

/** OPERATOR: "Sync now". */
export function useSyncOffer(g2aProductId: string) {
  return useOfferMutation<void>(g2aProductId, async () => {
    const synced = await post<OfferSyncResult>(g2aProductId, "sync");
    return { message: synced.message ?? `Synced: ${synced.outcome}` };
  });
}

/** OPERATOR: "Pause offer" (`paused`) or "Resume offer". */
export function useSetOfferPaused(g2aProductId: string, paused: boolean) {
  return useOfferMutation<void>(g2aProductId, async () => {
    await post<OfferRow>(g2aProductId, paused ? "pause" : "resume");
    return {
      message: paused
        ? `Offer of G2A product ${g2aProductId} paused: G2A gets stock 0 and inactive on its sync`
        : `Offer of G2A product ${g2aProductId} resumed: its sync lists it again when it can sell`,
    };
  });
}

/** ADMIN: "Acknowledge G2A's deactivation", with an optional note for the audit log. */
export function useAcknowledgeG2aPause(g2aProductId: string) {
  return useOfferMutation(g2aProductId, async (input: AcknowledgeInput) => {
    await post<OfferRow>(g2aProductId, "acknowledge", acknowledgeSchema.parse(input));
    return {
      message: `G2A's deactivation of product ${g2aProductId} acknowledged: the sync may activate the offer again`,
    };
  });
}
