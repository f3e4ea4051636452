import type { Metadata } from "next";
import { Suspense } from "react";
import { MappingsList } from "@/components/mappings/mappings-list";

export const metadata: Metadata = { title: "Product mappings" };

export default function MappingsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Product mappings</h1>
        <p className="mt-1 text-sm text-slate-600">
          Which CodesWholesale product is bought for each G2A product, with its price limits.
        </p>
      </div>
      {/* The list reads its filters from the query string, which is only known in the browser for a static page. */}
      <Suspense>
        <MappingsList />
      </Suspense>
    </div>
  );
}
