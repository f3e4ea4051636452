import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type {
  CwsProductLookup,
  ImportCounts,
  ImportPreview,
  MappingInput,
  MappingPage,
  MappingRow,
} from "@/lib/admin/mapping-schema";

export const MAPPINGS_PAGE_SIZE = 25;

/** The list's filters: an exact G2A or CWS product id, enabled or disabled only, the page. */
export type MappingFilters = { q?: string; enabled?: "true" | "false"; page: number };

/** The CSV download of every mapping (VIEWER and up). */
export const MAPPINGS_EXPORT_URL = "/api/admin/mappings/export";

export const mappingKeys = {
  all: ["mappings"] as const,
  lists: () => [...mappingKeys.all, "list"] as const,
  list: (filters: MappingFilters) => [...mappingKeys.lists(), filters] as const,
  cwsProduct: (productId: string) => ["cws-product", productId] as const,
};

// ---- the list

export function getMappings(filters: MappingFilters, signal?: AbortSignal): Promise<MappingPage> {
  const params = new URLSearchParams({ page: String(filters.page), pageSize: String(MAPPINGS_PAGE_SIZE) });
  if (filters.q) params.set("q", filters.q);
  if (filters.enabled) params.set("enabled", filters.enabled);
  return fetchJson<MappingPage>(`/api/admin/mappings?${params}`, { signal });
}

export const mappingsQueryOptions = (filters: MappingFilters) =>
  queryOptions({
    queryKey: mappingKeys.list(filters),
    queryFn: ({ signal }) => getMappings(filters, signal),
    placeholderData: keepPreviousData,
  });

export function useMappings(filters: MappingFilters, options: { enabled?: boolean } = {}) {
  return useQuery({ ...mappingsQueryOptions(filters), ...options });
}

// ---- changes: each one changes what the lists show

function useMappingMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: mappingKeys.lists() }) });
}

/** The form's values go as typed; the API checks them with the same schema the form used. */
export function useCreateMapping() {
  return useMappingMutation((input: MappingInput) => fetchJson<MappingRow>("/api/admin/mappings", { json: input }));
}

export function useUpdateMapping() {
  return useMappingMutation(({ id, changes }: { id: string; changes: Partial<MappingInput> }) =>
    fetchJson<MappingRow>(`/api/admin/mappings/${encodeURIComponent(id)}`, { method: "PATCH", json: changes }),
  );
}

export function useDeleteMapping() {
  return useMappingMutation((id: string) =>
    fetchJson<void>(`/api/admin/mappings/${encodeURIComponent(id)}`, { method: "DELETE" }),
  );
}

// ---- CSV import

/** Checks a file without writing anything: what it would do, or every line to fix. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: (csv: string) =>
      fetchJson<ImportPreview>("/api/admin/mappings/import", { json: { csv, dryRun: true } }),
  });
}

export function useImportMappings() {
  return useMappingMutation((csv: string) => fetchJson<ImportCounts>("/api/admin/mappings/import", { json: { csv } }));
}

// ---- the live CWS lookup

export const cwsProductQueryOptions = (productId: string) =>
  queryOptions({
    queryKey: mappingKeys.cwsProduct(productId),
    queryFn: ({ signal }) =>
      fetchJson<CwsProductLookup>(`/api/admin/cws-products/${encodeURIComponent(productId)}`, { signal }),
    // "Not found" and "CWS unavailable" are shown at once; the panel offers to try again.
    retry: false,
    staleTime: 30_000,
  });

/** The CWS product behind an id, once the id is a valid one (null: nothing to look up). */
export function useCwsProduct(productId: string | null) {
  return useQuery({ ...cwsProductQueryOptions(productId ?? ""), enabled: productId !== null });
}
