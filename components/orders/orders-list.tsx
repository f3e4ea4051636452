"use client";

import { Inbox } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { errorMessage } from "@/components/api/fetch-json";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useOrders } from "./api";
import { ORDERS_PAGE_SIZE, orderFiltersToSearch, parseOrderFilters, type OrderFilters } from "./filters";
import { OrderFiltersForm } from "./order-filters-form";
import { OrdersTable } from "./orders-table";
import { Pagination } from "./pagination";

function OrdersSkeleton() {
  return (
    <div role="status" aria-label="Loading orders" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      {Array.from({ length: 6 }, (_, index) => (
        <Skeleton key={index} className="h-8 w-full" />
      ))}
    </div>
  );
}

/** The orders list, its filters kept in the URL so a view can be shared and survives a reload. */
export function OrdersList() {
  const router = useRouter();
  const pathname = usePathname();
  const filters = parseOrderFilters(useSearchParams());
  const orders = useOrders(filters);

  function navigate(next: OrderFilters) {
    const search = orderFiltersToSearch(next);
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  }

  return (
    <div className="space-y-4">
      <OrderFiltersForm filters={filters} onChange={navigate} />
      {orders.isPending ? (
        <OrdersSkeleton />
      ) : orders.isError ? (
        <ErrorState title="The orders could not be loaded" message={errorMessage(orders.error)} onRetry={() => void orders.refetch()} />
      ) : orders.data.items.length === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-12 text-center">
          <Inbox aria-hidden className="h-8 w-8 text-slate-400" />
          <p className="font-medium">No orders match</p>
          <p className="text-sm text-slate-600">Try another status, wider dates or an exact id.</p>
        </div>
      ) : (
        <>
          <OrdersTable orders={orders.data.items} />
          <Pagination page={orders.data.page} pageSize={ORDERS_PAGE_SIZE} total={orders.data.total} onPage={(page) => navigate({ ...filters, page })} />
        </>
      )}
    </div>
  );
}
