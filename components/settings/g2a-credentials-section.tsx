"use client";

import { errorMessage } from "@/components/api/fetch-json";
import { formatDateTime } from "@/components/orders/format";
import { cellStyles, DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import type { G2aCredentialsSummary } from "@/lib/admin/g2a-credentials";
import { useG2aCredentials } from "./api";
import { G2aPairActions } from "./g2a-pair-actions";
import { GenerateG2aPairButton } from "./generate-g2a-pair-button";
import { SettingsSection } from "./settings-section";
import { StatusPill } from "./status-pill";

const COLUMNS: readonly Column[] = [
  { label: "Client id" },
  { label: "Status" },
  { label: "Created" },
  { label: "Last token" },
  { label: "Actions" },
];

function PairRow({ pair }: { pair: G2aCredentialsSummary }) {
  return (
    <tr className={pair.active ? "" : "text-slate-500"}>
      <td className={cellStyles}>
        <div className="font-mono text-xs break-all">{pair.clientId}</div>
        {pair.label && <div className="text-xs text-slate-600">{pair.label}</div>}
      </td>
      <td className={cellStyles}>
        {pair.active ? <StatusPill tone="good">Active</StatusPill> : <StatusPill tone="muted">Revoked</StatusPill>}
        {pair.revokedAt && (
          <div className="mt-1 text-xs whitespace-nowrap">
            <time dateTime={pair.revokedAt} title={pair.revokedAt}>
              {formatDateTime(pair.revokedAt)}
            </time>
          </div>
        )}
      </td>
      <td className={`${cellStyles} text-xs`}>
        <time dateTime={pair.createdAt} title={pair.createdAt} className="whitespace-nowrap">
          {formatDateTime(pair.createdAt)}
        </time>
        <div className="text-slate-600">
          {pair.createdBy ? `by ${pair.createdBy}` : pair.configured ? "from the environment" : "at start"}
        </div>
      </td>
      <td className={`${cellStyles} text-xs whitespace-nowrap`}>
        {pair.lastUsedAt ? (
          <time dateTime={pair.lastUsedAt} title={pair.lastUsedAt}>
            {formatDateTime(pair.lastUsedAt)}
          </time>
        ) : (
          "never"
        )}
      </td>
      <td className={cellStyles}>
        <G2aPairActions pair={pair} />
      </td>
    </tr>
  );
}

/** The pairs G2A signs in with to call us: generate a new one, rotate or revoke one, see when each was last used. */
export function G2aCredentialsSection() {
  const pairs = useG2aCredentials();
  return (
    <SettingsSection
      title="G2A API credentials"
      description="The pairs G2A signs in with to call this app (reservations, orders, keys). Any active pair works; the secret is shown once, when the pair is generated or rotated."
      action={<GenerateG2aPairButton />}
    >
      {pairs.isPending ? (
        <TableSkeleton label="Loading G2A credentials" rows={2} />
      ) : pairs.isError ? (
        <ErrorState
          title="The G2A credentials could not be loaded"
          message={errorMessage(pairs.error)}
          onRetry={() => void pairs.refetch()}
        />
      ) : pairs.data.items.length === 0 ? (
        <EmptyState title="No G2A credentials yet" hint="Generate a pair and type it into G2A's panel." />
      ) : (
        <DataTable columns={COLUMNS} caption="G2A API credentials, active first">
          {pairs.data.items.map((pair) => (
            <PairRow key={pair.id} pair={pair} />
          ))}
        </DataTable>
      )}
    </SettingsSection>
  );
}
