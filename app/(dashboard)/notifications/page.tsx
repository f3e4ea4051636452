import type { Metadata } from "next";
import { Suspense } from "react";
import { NotificationsList } from "@/components/notifications/notifications-list";

export const metadata: Metadata = { title: "G2A notifications" };

export default function NotificationsPage() {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <h1 className="text-xl font-semibold">G2A notifications</h1>
      {/* The list reads its filters from the query string, which is only known in the browser for a static page. */}
      <Suspense>
        <NotificationsList />
      </Suspense>
    </div>
  );
}
