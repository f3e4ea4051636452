"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";

type Values = Record<string, string | number | undefined>;

/**
 * A list page's filters, kept in the query string so a view can be shared and survives a reload.
 * `replace` sets exactly the given filters; `update` changes some and keeps the others. Both drop
 * empty values and go back to page 1 unless they set a page. A change made before the address has
 * caught up with the previous one builds on that previous one, not on what the page last rendered.
 */
export function useListSearch(): {
  params: Record<string, string>;
  update: (changes: Values) => void;
  replace: (filters: Values) => void;
} {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const params = Object.fromEntries(searchParams);
  const rendered = searchParams.toString();
  // The query last asked for, until the page renders with it.
  const requested = useRef<string | null>(null);
  useEffect(() => {
    if (requested.current === rendered) requested.current = null;
  }, [rendered]);

  function replace(filters: Values) {
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(filters)) {
      if (value !== undefined && value !== "" && !(name === "page" && String(value) === "1"))
        next.set(name, String(value));
    }
    const search = next.toString();
    requested.current = search;
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  }

  const current = () =>
    requested.current === null || requested.current === rendered
      ? params
      : Object.fromEntries(new URLSearchParams(requested.current));
  return { params, update: (changes) => replace({ ...current(), page: undefined, ...changes }), replace };
}
