import { formatDateTime } from "@/components/orders/format";
import type { AlertChannelView } from "@/lib/admin/alert-channel-schema";

function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {formatDateTime(iso)}
    </time>
  );
}

/** How the channel's deliveries are going, in words: delivering, failing since when and why, the last attempt failed, or not used yet. */
export function AlertChannelHealth({ health }: { health: AlertChannelView["health"] }) {
  switch (health.state) {
    case "ok":
      return (
        <p className="text-emerald-800">
          Delivering
          {health.lastSuccessAt && (
            <span className="text-slate-600">
              {" "}
              (last delivered <When iso={health.lastSuccessAt} />)
            </span>
          )}
        </p>
      );
    case "failing":
      return (
        <p className="break-words text-red-700">
          Failing since {health.failingSince ? <When iso={health.failingSince} /> : "its last delivery"}:{" "}
          {health.lastError ?? "the last delivery gave up"}
        </p>
      );
    case "last-attempt-failed":
      return (
        <p className="break-words text-amber-800">
          Last attempt failed: {health.lastError ?? "no reason was recorded"}
          {health.lastFailureAt && (
            <span className="text-slate-600">
              {" "}
              (<When iso={health.lastFailureAt} />)
            </span>
          )}
        </p>
      );
    case "unused":
      return <p className="text-slate-600">Not used yet</p>;
  }
}
