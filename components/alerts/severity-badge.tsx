import { SEVERITY_LABELS, type AlertSeverity } from "./format";

const TONES: Record<AlertSeverity, string> = {
  critical: "bg-red-50 text-red-800 ring-red-200",
  warning: "bg-amber-50 text-amber-800 ring-amber-200",
  info: "bg-blue-50 text-blue-800 ring-blue-200",
};

/** How urgent an alert is, in one coloured word: Critical (red), Warning (amber), Info (blue). */
export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[severity]}`}
    >
      {SEVERITY_LABELS[severity]}
    </span>
  );
}
