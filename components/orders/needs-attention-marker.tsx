import { AlertTriangle } from "lucide-react";

/** The order is stuck and someone should look; the reason says why. */
export function NeedsAttentionMarker({ reason }: { reason: string | null }) {
  return (
    <span className="inline-flex items-start gap-1 text-xs text-orange-800">
      <AlertTriangle aria-hidden className="mt-0.5 h-3.5 w-3.5 shrink-0" />
      <span>
        <span className="font-medium">Needs attention</span>
        {reason ? `: ${reason}` : ""}
      </span>
    </span>
  );
}
