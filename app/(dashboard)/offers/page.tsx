import type { Metadata } from "next";
import { Suspense } from "react";
import { OffersList } from "@/components/offers/offers-list";

export const metadata: Metadata = { title: "Offers" };

export default function OffersPage() {
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Offers</h1>
        <p className="mt-1 text-sm text-slate-600">
          The G2A offer of each product mapping: its price and stock as the sync keeps them, and why.
        </p>
      </div>
      {/* The list reads its filters from the query string, which is only known in the browser for a static page. */}
      <Suspense>
        <OffersList />
      </Suspense>
    </div>
  );
}
