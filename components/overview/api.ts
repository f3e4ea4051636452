import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { Overview } from "@/lib/admin/overview";

const REFRESH_MS = 15_000;

export const overviewQueryOptions = () =>
  queryOptions({
    queryKey: ["overview"],
    queryFn: ({ signal }) => fetchJson<Overview>("/api/admin/overview", { signal }),
    refetchInterval: REFRESH_MS,
  });

/** The overview, refreshed every 15 seconds while the page is open. */
export function useOverview() {
  return useQuery(overviewQueryOptions());
}
