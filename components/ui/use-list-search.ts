"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

type Values = Record<string, string | number | undefined>;

/**
 * A list page's filters, kept in the query string so a view can be shared and survives a reload.
 * `replace` sets exactly the given filters; `update` changes some and keeps the others. Both drop
 * empty values and go back to page 1 unless they set a page.
 */
export function useListSearch(): {
  params: Record<string, string>;
  update: (changes: Values) => void;
  replace: (filters: Values) => void;
} {
  const router = useRouter();
  const pathname = usePathname();
  const params = Object.fromEntries(useSearchParams());

  function replace(filters: Values) {
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(filters)) {
      if (value !== undefined && value !== "" && !(name === "page" && String(value) === "1"))
        next.set(name, String(value));
    }
    const search = next.toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  }

  return { params, update: (changes) => replace({ ...params, page: undefined, ...changes }), replace };
}
