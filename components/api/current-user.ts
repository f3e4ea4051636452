import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Role as StaffRole } from "@/lib/auth/roles";
import { fetchJson } from "./fetch-json";

export type { StaffRole };
export type CurrentUser = { id: string; email: string; role: StaffRole };

export const currentUserQueryOptions = () =>
  queryOptions({
    queryKey: ["admin", "me"],
    queryFn: ({ signal }) => fetchJson<CurrentUser>("/api/admin/me", { signal }),
    staleTime: 60_000,
  });

/** The signed-in staff member as the admin API sees them (role from the database, not the cookie). */
export function useCurrentUser() {
  return useQuery(currentUserQueryOptions());
}
