const TONES = {
  good: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  muted: "bg-slate-100 text-slate-700 ring-slate-300",
  warning: "bg-amber-50 text-amber-800 ring-amber-200",
  info: "bg-blue-50 text-blue-800 ring-blue-200",
} as const;

/** A short state word in a coloured pill: Active, Revoked, Disabled, a role. */
export function StatusPill({ tone, children }: { tone: keyof typeof TONES; children: React.ReactNode }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
