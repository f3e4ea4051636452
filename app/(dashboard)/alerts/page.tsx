import type { Metadata } from "next";
import { Suspense } from "react";
import { AlertsList } from "@/components/alerts/alerts-list";

export const metadata: Metadata = { title: "Alerts" };

export default function AlertsPage() {
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Alerts</h1>
        <p className="mt-1 text-sm text-slate-600">
          What needs a person: failed orders, an unreachable CWS, a failing offer sync or alert channel. Acknowledge an
          alert to say you are on it; most resolve by themselves once their cause clears.
        </p>
      </div>
      {/* The list reads its tab and filters from the query string, which is only known in the browser for a static page. */}
      <Suspense>
        <AlertsList />
      </Suspense>
    </div>
  );
}
