"use client";

import { errorMessage } from "@/components/api/fetch-json";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useListSearch } from "@/components/ui/use-list-search";
import { useOffers } from "./api";
import { OFFERS_PAGE_SIZE, parseOfferFilters } from "./filters";
import { LastPassSummary } from "./last-pass-summary";
import { OffersTable } from "./offers-table";
import { ProblemFilter } from "./problem-filter";

/** Every mapping's G2A offer: the last pass, problem chips and a search kept in the URL, the table, pages. */
export function OffersList() {
  const { params, update } = useListSearch();
  const filters = parseOfferFilters(params);
  const offers = useOffers(filters);

  let list: React.ReactNode;
  if (offers.isPending) list = <TableSkeleton label="Loading offers" />;
  else if (offers.isError)
    list = (
      <ErrorState
        title="The offers could not be loaded"
        message={errorMessage(offers.error)}
        onRetry={() => void offers.refetch()}
      />
    );
  else if (offers.data.items.length === 0)
    list =
      filters.problem || filters.q ? (
        <EmptyState title="No offers match" hint="Try another problem or id, or show all offers." />
      ) : (
        <EmptyState title="No product mappings yet" hint="Each product mapping gets its G2A offer here." />
      );
  else
    list = (
      <>
        <OffersTable offers={offers.data.items} />
        <Pagination
          page={offers.data.page}
          pageSize={OFFERS_PAGE_SIZE}
          total={offers.data.total}
          onPage={(page) => update({ page })}
          noun={["offer", "offers"]}
        />
      </>
    );

  return (
    <div className="space-y-4">
      {offers.data && <LastPassSummary pass={offers.data.lastPass} />}
      <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 lg:flex-row lg:items-end lg:justify-between">
        <ProblemFilter
          value={filters.problem}
          counts={offers.data?.counts}
          onChange={(problem) => update({ problem })}
        />
        <SearchForm
          label="Find by G2A product id, CWS product id or offer id"
          value={filters.q}
          placeholder="Id or part of one"
          onSearch={(q) => update({ q })}
        />
      </div>
      {list}
    </div>
  );
}
