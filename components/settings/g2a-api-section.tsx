"use client";

import { PlugZap } from "lucide-react";
import { errorMessage } from "@/components/api/fetch-json";
import { buttonStyles } from "@/components/ui/button-styles";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { G2aApiConnectionTest, G2aApiConnectionView } from "@/lib/admin/g2a-api-connection";
import { useG2aApiConnection, useTestG2aApiConnection } from "./api";
import { FormAlert } from "./confirm-dialog";
import { G2aApiConnectionDetails } from "./g2a-api-connection-details";
import { G2aApiCredentialsButton } from "./g2a-api-credentials-button";
import { G2aApiRemoveButton } from "./g2a-api-remove-button";
import { G2aApiTestResult } from "./g2a-api-test-result";
import { SettingsSection } from "./settings-section";

/** Whether a test was of the connection in use now: after a save or a removal, an older result no longer applies. */
function isOf(tested: G2aApiConnectionTest["tested"], inUse: G2aApiConnectionView["inUse"]): boolean {
  return (
    inUse !== null &&
    tested.source === inUse.source &&
    tested.baseUrl === inUse.baseUrl &&
    tested.clientId === inUse.clientId
  );
}

function G2aApiConnectionPanel({ view }: { view: G2aApiConnectionView }) {
  const test = useTestG2aApiConnection();
  const result = test.data && isOf(test.data.tested, view.inUse) ? test.data : null;
  return (
    <div className="space-y-4">
      <G2aApiConnectionDetails view={view} />
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => test.mutate(null)}
          disabled={!view.inUse || test.isPending}
          className={buttonStyles.secondary}
        >
          <PlugZap aria-hidden className="h-4 w-4" />
          {test.isPending ? "Testing…" : "Test connection"}
        </button>
        <G2aApiCredentialsButton saved={view.saved} />
        {view.saved && <G2aApiRemoveButton environment={view.environment} />}
      </div>
      {test.error ? <FormAlert error={test.error} /> : result ? <G2aApiTestResult result={result} /> : null}
    </div>
  );
}

/** The credentials this app calls G2A's Import API with: which are in use, test them, enter, replace or remove them. */
export function G2aApiSection() {
  const connection = useG2aApiConnection();
  return (
    <SettingsSection
      title="G2A seller API"
      description={
        <>
          The client id and secret this app uses to call G2A&apos;s Import API, to manage our offers on G2A. They come
          from G2A&apos;s seller panel and are not the G2A API credentials above, which G2A uses to call this app.
        </>
      }
    >
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        {connection.isPending ? (
          <div role="status" aria-label="Loading the G2A seller API connection" className="space-y-2">
            <Skeleton className="h-6 w-40" />
            <Skeleton className="h-4 w-72 max-w-full" />
          </div>
        ) : connection.isError ? (
          <ErrorState
            title="The G2A seller API connection could not be loaded"
            message={errorMessage(connection.error)}
            onRetry={() => void connection.refetch()}
          />
        ) : (
          <G2aApiConnectionPanel view={connection.data} />
        )}
      </div>
    </SettingsSection>
  );
}
