import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import { auditKeys } from "@/components/audit/api";
import type { G2aApiConnectionTest, G2aApiConnectionView } from "@/lib/admin/g2a-api-connection";
import type { G2aCredentialsSummary, G2aCredentialsWithSecret } from "@/lib/admin/g2a-credentials";
import type { PricingDefaultsView } from "@/lib/admin/offers";
import type { Selling } from "@/lib/admin/settings";
import {
  g2aApiCredentialsSchema,
  newG2aCredentialsSchema,
  sellingSchema,
  type G2aApiCredentialsInput,
  type NewG2aCredentialsInput,
  type PricingDefaultsInput,
  type SellingInput,
} from "@/lib/admin/settings-schema";
import { newUserSchema, userChangeSchema, type NewUserInput, type UserChange } from "@/lib/admin/user-schema";
import type { StaffUser, UserWithPassword } from "@/lib/admin/users";

export const settingsKeys = {
  g2aApi: ["settings", "g2a-api"] as const,
  g2aCredentials: ["settings", "g2a-credentials"] as const,
  offerPricing: ["settings", "offer-pricing"] as const,
  selling: ["settings", "selling"] as const,
  users: ["settings", "users"] as const,
};

/**
 * After a change: the list it changed, and the audit log, which gained a line. Answers carrying a
 * secret or a password live only in the mutation, which the dialog resets when it closes.
 */
function useInvalidate(key: readonly string[]) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

// ---- G2A API credentials

export const g2aCredentialsQueryOptions = () =>
  queryOptions({
    queryKey: settingsKeys.g2aCredentials,
    queryFn: ({ signal }) => fetchJson<{ items: G2aCredentialsSummary[] }>("/api/admin/g2a-credentials", { signal }),
  });

export function useG2aCredentials() {
  return useQuery(g2aCredentialsQueryOptions());
}

export function useGenerateG2aPair() {
  const onSuccess = useInvalidate(settingsKeys.g2aCredentials);
  return useMutation({
    mutationFn: (input: NewG2aCredentialsInput) =>
      fetchJson<G2aCredentialsWithSecret>("/api/admin/g2a-credentials", { json: newG2aCredentialsSchema.parse(input) }),
    onSuccess,
  });
}

export function useRotateG2aPair(id: string) {
  const onSuccess = useInvalidate(settingsKeys.g2aCredentials);
  return useMutation({
    mutationFn: () =>
      fetchJson<G2aCredentialsWithSecret>(`/api/admin/g2a-credentials/${encodeURIComponent(id)}/rotate`, {
        method: "POST",
      }),
    onSuccess,
  });
}

export function useRevokeG2aPair(id: string) {
  const onSuccess = useInvalidate(settingsKeys.g2aCredentials);
  return useMutation({
    mutationFn: () =>
      fetchJson<{ credentials: G2aCredentialsSummary }>(`/api/admin/g2a-credentials/${encodeURIComponent(id)}/revoke`, {
        method: "POST",
      }),
    onSuccess,
  });
}

// ---- G2A seller API connection

const G2A_API_PATH = "/api/admin/settings/g2a-api";

export const g2aApiConnectionQueryOptions = () =>
  queryOptions({
    queryKey: settingsKeys.g2aApi,
    queryFn: ({ signal }) => fetchJson<G2aApiConnectionView>(G2A_API_PATH, { signal }),
  });

export function useG2aApiConnection() {
  return useQuery(g2aApiConnectionQueryOptions());
}

export function useSaveG2aApiCredentials() {
  const onSuccess = useInvalidate(settingsKeys.g2aApi);
  return useMutation({
    mutationFn: (input: G2aApiCredentialsInput) =>
      fetchJson<G2aApiConnectionView>(G2A_API_PATH, { method: "PUT", json: g2aApiCredentialsSchema.parse(input) }),
    onSuccess,
  });
}

export function useRemoveG2aApiCredentials() {
  const onSuccess = useInvalidate(settingsKeys.g2aApi);
  return useMutation({
    mutationFn: () => fetchJson<G2aApiConnectionView>(G2A_API_PATH, { method: "DELETE" }),
    onSuccess,
  });
}

/**
 * Tests the credentials typed in the form, or with null the connection in use. The test changes
 * nothing but the audit log; the view is refetched too, in case another admin changed it meanwhile.
 */
export function useTestG2aApiConnection() {
  const onSuccess = useInvalidate(settingsKeys.g2aApi);
  return useMutation({
    mutationFn: (entered: G2aApiCredentialsInput | null) =>
      fetchJson<G2aApiConnectionTest>(`${G2A_API_PATH}/test`, {
        json: entered ? g2aApiCredentialsSchema.parse(entered) : {},
      }),
    onSuccess,
  });
}

// ---- offer pricing defaults

const OFFER_PRICING_PATH = "/api/admin/settings/offer-pricing";

export const pricingDefaultsQueryOptions = () =>
  queryOptions({
    queryKey: settingsKeys.offerPricing,
    queryFn: ({ signal }) => fetchJson<PricingDefaultsView>(OFFER_PRICING_PATH, { signal }),
  });

export function usePricingDefaults() {
  return useQuery(pricingDefaultsQueryOptions());
}

/** The form's values go as typed (the schema's output holds cents as bigints); the API checks them with the same schema. */
export function useSavePricingDefaults() {
  const onSuccess = useInvalidate(settingsKeys.offerPricing);
  return useMutation({
    mutationFn: (input: PricingDefaultsInput) =>
      fetchJson<PricingDefaultsView>(OFFER_PRICING_PATH, { method: "PUT", json: input }),
    onSuccess,
  });
}

// ---- selling switch

export const sellingQueryOptions = () =>
  queryOptions({
    queryKey: settingsKeys.selling,
    queryFn: ({ signal }) => fetchJson<Selling>("/api/admin/settings/selling", { signal }),
  });

export function useSelling() {
  return useQuery(sellingQueryOptions());
}

export function useSetSelling() {
  const onSuccess = useInvalidate(settingsKeys.selling);
  return useMutation({
    mutationFn: (input: SellingInput) =>
      fetchJson<Selling>("/api/admin/settings/selling", { method: "PUT", json: sellingSchema.parse(input) }),
    onSuccess,
  });
}

// ---- users

export const usersQueryOptions = () =>
  queryOptions({
    queryKey: settingsKeys.users,
    queryFn: ({ signal }) => fetchJson<{ items: StaffUser[] }>("/api/admin/users", { signal }),
  });

export function useUsers() {
  return useQuery(usersQueryOptions());
}

export function useCreateUser() {
  const onSuccess = useInvalidate(settingsKeys.users);
  return useMutation({
    mutationFn: (input: NewUserInput) =>
      fetchJson<UserWithPassword>("/api/admin/users", { json: newUserSchema.parse(input) }),
    onSuccess,
  });
}

export function useUpdateUser(userId: string) {
  const onSuccess = useInvalidate(settingsKeys.users);
  return useMutation({
    mutationFn: (change: UserChange) =>
      fetchJson<{ user: StaffUser }>(`/api/admin/users/${encodeURIComponent(userId)}`, {
        method: "PATCH",
        json: userChangeSchema.parse(change),
      }),
    onSuccess,
  });
}

export function useResetPassword(userId: string) {
  const onSuccess = useInvalidate(settingsKeys.users);
  return useMutation({
    mutationFn: () =>
      fetchJson<UserWithPassword>(`/api/admin/users/${encodeURIComponent(userId)}/reset-password`, { method: "POST" }),
    onSuccess,
  });
}
