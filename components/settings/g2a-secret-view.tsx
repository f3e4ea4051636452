"use client";

import { buttonStyles } from "@/components/ui/button-styles";
import type { G2aCredentialsWithSecret } from "@/lib/admin/g2a-credentials";
import { CopyableValue, ShownOnceWarning } from "./one-time-secret";

/** A pair just generated or rotated: its id and secret, with the warning that the secret is not shown again. */
export function G2aSecretView({ result, onDone }: { result: G2aCredentialsWithSecret; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <ShownOnceWarning what="the client secret" />
      <CopyableValue label="Client id" value={result.credentials.clientId} />
      <CopyableValue label="Client secret" value={result.clientSecret} />
      <p className="text-sm text-slate-600">Type both into G2A&apos;s panel. G2A gets its tokens at /api/g2a/oauth/token.</p>
      <div className="flex justify-end">
        <button type="button" onClick={onDone} className={buttonStyles.primary} autoFocus>
          I have stored it
        </button>
      </div>
    </div>
  );
}
