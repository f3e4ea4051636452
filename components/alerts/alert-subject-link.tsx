import Link from "next/link";
import type { AlertRow } from "@/lib/admin/alert-schema";

/** The subject of an alert, linking to the dashboard page to act on when it has one. */
export function AlertSubjectLink({ alert, children }: { alert: AlertRow; children?: React.ReactNode }) {
  const words = children ?? alert.subject.label;
  // Links are dashboard paths; anything else is shown, not followed.
  if (!alert.link.startsWith("/")) return <span>{words}</span>;
  return (
    <Link
      href={alert.link}
      className="text-brand-600 hover:underline focus:outline-none focus:ring-2 focus:ring-brand-500"
    >
      {words}
    </Link>
  );
}
