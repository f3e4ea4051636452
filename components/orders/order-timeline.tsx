import { formatDateTime, humanize } from "./format";
import type { OrderTimelineEvent } from "./types";

/** What happened to the order, oldest first, and who did it. */
export function OrderTimeline({ events }: { events: OrderTimelineEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">Nothing recorded yet.</p>;
  return (
    <ol className="space-y-3 border-l border-slate-200 pl-4">
      {events.map((event) => (
        <li key={event.id} className="relative">
          <span aria-hidden className="absolute top-1.5 -left-[21px] h-2.5 w-2.5 rounded-full bg-slate-400" />
          <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500">
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>
            <span className="font-medium text-slate-700">{humanize(event.type)}</span>
            <span>by {event.actor ?? "system"}</span>
          </div>
          <p className="text-sm break-words">{event.message}</p>
        </li>
      ))}
    </ol>
  );
}
