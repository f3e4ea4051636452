import type { Metadata } from "next";
import { Suspense } from "react";
import { ReservationsList } from "@/components/reservations/reservations-list";

export const metadata: Metadata = { title: "Reservations" };

export default function ReservationsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <h1 className="text-xl font-semibold">Reservations</h1>
      {/* The list reads its filters from the query string, which is only known in the browser for a static page. */}
      <Suspense>
        <ReservationsList />
      </Suspense>
    </div>
  );
}
