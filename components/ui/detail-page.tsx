import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { ErrorState } from "./error-state";
import { Skeleton } from "./skeleton";

/** The list a detail page leads back to, in every state of the page: `{ href: "/orders", label: "All orders" }`. */
export type BackTo = { href: string; label: string };

function BackLink({ to }: { to: BackTo }) {
  return (
    <Link href={to.href} className="inline-flex items-center gap-1 text-sm text-brand-600 hover:underline">
      <ArrowLeft aria-hidden className="h-4 w-4" />
      {to.label}
    </Link>
  );
}

/** A detail page while its record loads, announced as `label`. */
export function DetailLoading({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-4">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-32 w-full" />
      <Skeleton className="h-24 w-full" />
    </div>
  );
}

/** A detail page whose record does not exist: the way back, a heading, and why. */
export function DetailNotFound({ back, title, children }: { back: BackTo; title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-4">
      <BackLink to={back} />
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-sm text-slate-600">{children}</p>
    </div>
  );
}

/** A detail page whose record could not be loaded: the way back, and the failure in words with a retry. */
export function DetailLoadError({
  back,
  title,
  message,
  onRetry,
}: {
  back: BackTo;
  title: string;
  message: string;
  onRetry: () => void;
}) {
  return (
    <div className="space-y-4">
      <BackLink to={back} />
      <ErrorState title={title} message={message} onRetry={onRetry} />
    </div>
  );
}

type DetailPageProps = {
  back: BackTo;
  title: React.ReactNode;
  /** Under the heading: the record's state. */
  status: React.ReactNode;
  /** Beside the heading: what the signed-in user may do to the record. */
  actions: React.ReactNode;
  /** Under the heading, for what needs saying before the details (an alert, the last error). */
  notices?: React.ReactNode;
  /** The page's sections. */
  children: React.ReactNode;
};

/** A loaded detail page: the way back, the heading with the record's state and actions, then its sections. */
export function DetailPage({ back, title, status, actions, notices, children }: DetailPageProps) {
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <BackLink to={back} />
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <h1 className="text-xl font-semibold break-all">{title}</h1>
            <div className="mt-1">{status}</div>
          </div>
          {actions}
        </div>
        {notices}
      </div>
      {children}
    </div>
  );
}

/** One titled part of a detail page, a region named by its heading. */
export function DetailSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="space-y-3">
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}
