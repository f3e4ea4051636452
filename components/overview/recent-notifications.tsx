import { Bell } from "lucide-react";
import Link from "next/link";
import { formatDateTime } from "@/components/orders/format";
import type { Overview } from "@/lib/admin/overview";

/** The last few notifications G2A sent about our offers. */
export function RecentNotifications({ notifications }: { notifications: Overview["notifications"] }) {
  return (
    <section aria-labelledby="recent-notifications-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-center justify-between gap-2">
        <h2 id="recent-notifications-title" className="flex items-center gap-2 font-semibold">
          <Bell aria-hidden className="h-4 w-4 text-slate-500" />
          Recent G2A notifications
        </h2>
        <Link href="/notifications" className="text-sm font-medium text-brand-700 hover:underline">
          All notifications
        </Link>
      </div>
      {notifications.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">G2A has sent no notifications yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100">
          {notifications.map((notification) => (
            <li key={notification.id} className="py-2 text-sm">
              <p className="flex flex-wrap items-baseline justify-between gap-x-2">
                <span className="font-medium">{notification.notificationType ?? "Notification"}</span>
                <time dateTime={notification.receivedAt} className="text-xs text-slate-500">
                  {formatDateTime(notification.receivedAt)}
                </time>
              </p>
              {notification.message && <p className="text-slate-700">{notification.message}</p>}
              {(notification.offerId || notification.auctionId) && (
                <p className="text-xs text-slate-500">
                  {notification.offerId ? `Offer ${notification.offerId}` : `Auction ${notification.auctionId}`}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
