import { Inbox, type LucideIcon } from "lucide-react";

/** A list with nothing to show, said in words with a hint of what to do. */
export function EmptyState({ title, hint, icon: Icon = Inbox }: { title: string; hint?: string; icon?: LucideIcon }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-12 text-center">
      <Icon aria-hidden className="h-8 w-8 text-slate-400" />
      <p className="font-medium">{title}</p>
      {hint && <p className="text-sm text-slate-600">{hint}</p>}
    </div>
  );
}
