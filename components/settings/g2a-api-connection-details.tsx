import { ShieldAlert } from "lucide-react";
import { formatDateTime } from "@/components/orders/format";
import { LabelledValue } from "@/components/ui/labelled-value";
import type { G2aApiConnectionView } from "@/lib/admin/g2a-api-connection";
import { G2aApiSourcePill } from "./g2a-api-source";

/** What the saved credentials push aside: said so that nobody wonders why the environment's are not used. */
function overriddenNote(environment: NonNullable<G2aApiConnectionView["environment"]>): string {
  const what = environment.source === "sandbox" ? "local G2A sandbox" : "connection";
  return `The environment's ${what} (${environment.baseUrl}, client id ${environment.clientId}) is set but the saved credentials win; remove them to use it.`;
}

/** The connection every Import API call uses, where it comes from, and what it overrides or lacks. */
export function G2aApiConnectionDetails({ view }: { view: G2aApiConnectionView }) {
  const { inUse, saved, environment } = view;
  // Saved credentials whose secret cannot be opened are still shown, so the admin knows what to re-enter.
  const shown = inUse ?? saved;
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-4">
        <LabelledValue label="In use">
          <G2aApiSourcePill source={inUse?.source ?? null} />
        </LabelledValue>
        {shown && (
          <>
            <LabelledValue label="Base URL">
              <span className="font-mono text-xs break-all">{shown.baseUrl}</span>
            </LabelledValue>
            <LabelledValue label="Client id">
              <span className="font-mono text-xs break-all">{shown.clientId}</span>
            </LabelledValue>
          </>
        )}
        {saved && (
          <LabelledValue label="Saved">
            by {saved.savedBy ?? "an admin"} at{" "}
            <time dateTime={saved.savedAt} title={saved.savedAt} className="whitespace-nowrap">
              {formatDateTime(saved.savedAt)}
            </time>
          </LabelledValue>
        )}
      </dl>
      {!shown && (
        <p className="text-slate-600">
          No connection is set: offers cannot be managed on G2A. Enter the Import API credentials from G2A&apos;s seller
          panel, or set G2A_API_CLIENT_ID and G2A_API_CLIENT_SECRET.
        </p>
      )}
      {saved && !saved.readable && (
        <p className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 p-2 text-amber-900">
          <ShieldAlert aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          <span>
            <strong>The saved client secret cannot be opened with this server&apos;s KEY_ENCRYPTION_KEY</strong> (it was
            saved under another key), so no connection is in use. Enter the credentials again
            {environment ? ", or remove them to use the environment's" : ""}.
          </span>
        </p>
      )}
      {saved && environment && <p className="break-words text-slate-600">{overriddenNote(environment)}</p>}
    </div>
  );
}
