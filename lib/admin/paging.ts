import { z } from "zod";

/** `page` and `pageSize` of every admin list: server-side pages, at most 100 rows each. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** The rows to skip and take for a page. */
export function pageWindow(query: PageQuery): { skip: number; take: number } {
  return { skip: (query.page - 1) * query.pageSize, take: query.pageSize };
}

/** One page of a list as the admin API answers it. */
export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };
