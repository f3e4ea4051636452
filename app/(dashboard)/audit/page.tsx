import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLogView } from "@/components/audit/audit-log-view";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <h1 className="text-xl font-semibold">Audit log</h1>
      {/* The list reads its filters from the query string, which is only known in the browser for a static page. */}
      <Suspense>
        <AuditLogView />
      </Suspense>
    </div>
  );
}
