import type { Metadata } from "next";
import { Suspense } from "react";
import { OrdersList } from "@/components/orders/orders-list";

export const metadata: Metadata = { title: "Orders" };

export default function OrdersPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <h1 className="text-xl font-semibold">Orders</h1>
      {/* The list reads its filters from the query string, which is only known in the browser for a static page. */}
      <Suspense>
        <OrdersList />
      </Suspense>
    </div>
  );
}
