import { AppError } from "@/lib/errors";

/** Item ids one return may name: more than any order here holds keys for, and within what one query can take. */
export const MAX_RETURNED_IDS = 500;

/**
 * Item ids of DELETE /order/{id}/inventory (§6.8), in any mix of the forms `id[]=`, `id=` and
 * `id[0]=`, a value possibly holding several comma-separated ids; blanks dropped, duplicates removed.
 */
export function returnedItemIds(url: URL): string[] {
  const ids = new Set<string>();
  for (const [name, value] of url.searchParams) {
    if (name !== "id" && !/^id\[\d*\]$/.test(name)) continue;
    for (const part of value.split(",")) {
      const id = part.trim();
      if (id) ids.add(id.toLowerCase());
    }
  }
  if (ids.size === 0) throw new AppError("BAD_REQUEST", "query parameter id[] is required");
  if (ids.size > MAX_RETURNED_IDS)
    throw new AppError(
      "BAD_REQUEST",
      `at most ${MAX_RETURNED_IDS} item ids per return (got ${ids.size}); send the rest in another`,
    );
  return [...ids];
}
