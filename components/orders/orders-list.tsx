"use client";

import { errorMessage } from "@/components/api/fetch-json";
import { ErrorState } from "@/components/ui/error-state";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useListSearch } from "@/components/ui/use-list-search";
import { useOrders } from "./api";
import { ORDERS_PAGE_SIZE, parseOrderFilters } from "./filters";
import { OrderFiltersForm } from "./order-filters-form";
import { OrdersTable } from "./orders-table";

/** The orders list, its filters kept in the URL so a view can be shared and survives a reload. */
export function OrdersList() {
  const { params, update, replace } = useListSearch();
  const filters = parseOrderFilters(params);
  const orders = useOrders(filters);

  return (
    <div className="space-y-4">
      <OrderFiltersForm filters={filters} onChange={replace} />
      {orders.isPending ? (
        <TableSkeleton label="Loading orders" />
      ) : orders.isError ? (
        <ErrorState
          title="The orders could not be loaded"
          message={errorMessage(orders.error)}
          onRetry={() => void orders.refetch()}
        />
      ) : orders.data.items.length === 0 ? (
        <EmptyState title="No orders match" hint="Try another status, wider dates or an exact id." />
      ) : (
        <>
          <OrdersTable orders={orders.data.items} />
          <Pagination
            page={orders.data.page}
            pageSize={ORDERS_PAGE_SIZE}
            total={orders.data.total}
            onPage={(page) => update({ page })}
            noun={["order", "orders"]}
          />
        </>
      )}
    </div>
  );
}
