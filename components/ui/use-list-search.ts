"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

/**
 * A list page's filters, kept in the query string so a view can be shared and survives a reload.
 * `update` merges changes (empty values are dropped) and goes back to page 1 unless it sets a page.
 */
export function useListSearch(): { params: Record<string, string>; update: (changes: Record<string, string | number | undefined>) => void } {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const params = Object.fromEntries(searchParams);

  function update(changes: Record<string, string | number | undefined>) {
    const next = new URLSearchParams({ ...params, page: "1" });
    for (const [name, value] of Object.entries(changes)) next.set(name, value === undefined ? "" : String(value));
    for (const [name, value] of [...next]) if (value === "" || (name === "page" && value === "1")) next.delete(name);
    const search = next.toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  }

  return { params, update };
}
