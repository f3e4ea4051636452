import { ChevronLeft, ChevronRight } from "lucide-react";
import { buttonStyles } from "@/components/ui/button-styles";

type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** What is counted, singular and plural: "order"/"orders". */
  noun: [singular: string, plural: string];
};

/** Pages shown around the current one, with the first and last always reachable. */
function pageNumbers(page: number, pages: number): (number | "gap")[] {
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  return sorted.flatMap((n, index) => (index > 0 && n - sorted[index - 1]! > 1 ? (["gap", n] as const) : [n]));
}

/** Server-side pages: where the list is, previous/next and page numbers. */
export function Pagination({ page, pageSize, total, onPage, noun }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label={`Pages of ${noun[1]}`} className="flex flex-col items-center justify-between gap-3 sm:flex-row">
      <p className="text-sm text-slate-600">
        {first}–{last} of {total} {total === 1 ? noun[0] : noun[1]}
      </p>
      <div className="flex flex-wrap items-center gap-1">
        <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1} className={buttonStyles.secondary}>
          <ChevronLeft aria-hidden className="h-4 w-4" />
          Previous
        </button>
        {pageNumbers(page, pages).map((n, index) =>
          n === "gap" ? (
            <span key={`gap-${index}`} aria-hidden className="px-1 text-slate-500">
              …
            </span>
          ) : (
            <button
              key={n}
              type="button"
              onClick={() => onPage(n)}
              aria-current={n === page ? "page" : undefined}
              aria-label={`Page ${n}`}
              className={`${n === page ? buttonStyles.primary : buttonStyles.secondary} min-w-9`}
            >
              {n}
            </button>
          ),
        )}
        <button
          type="button"
          onClick={() => onPage(page + 1)}
          disabled={page >= pages}
          className={buttonStyles.secondary}
        >
          Next
          <ChevronRight aria-hidden className="h-4 w-4" />
        </button>
      </div>
    </nav>
  );
}
