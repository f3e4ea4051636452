"use client";

import { Ban, RefreshCw } from "lucide-react";
import { useState } from "react";
import { buttonStyles } from "@/components/ui/button-styles";
import { Dialog } from "@/components/ui/dialog";
import type { G2aCredentialsSummary } from "@/lib/admin/g2a-credentials";
import { useRevokeG2aPair, useRotateG2aPair } from "./api";
import { ConfirmForm } from "./confirm-dialog";
import { ConfirmedActionButton } from "./confirmed-action-button";
import { G2aSecretView } from "./g2a-secret-view";

const small = "px-2 py-1 text-xs";

function RotateButton({ pair }: { pair: G2aCredentialsSummary }) {
  const [open, setOpen] = useState(false);
  const mutation = useRotateG2aPair(pair.id);

  function close() {
    setOpen(false);
    mutation.reset();
  }

  const description = `Client id ${pair.clientId} and every token issued under it stop working at once; a new pair replaces it. G2A is refused until the new pair is typed into its panel.`;
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={`${buttonStyles.warning} ${small}`}
        aria-label={`Rotate ${pair.clientId}`}
      >
        <RefreshCw aria-hidden className="h-3.5 w-3.5" />
        Rotate
      </button>
      <Dialog
        open={open}
        onClose={close}
        title={mutation.data ? "New G2A credentials" : "Rotate G2A credentials"}
        description={mutation.data ? undefined : description}
      >
        {mutation.data ? (
          <G2aSecretView result={mutation.data} onDone={close} />
        ) : (
          <ConfirmForm
            confirmLabel="Rotate"
            pendingLabel="Rotating…"
            pending={mutation.isPending}
            error={mutation.error}
            tone="warning"
            onConfirm={() => mutation.mutate()}
            onCancel={close}
          />
        )}
      </Dialog>
    </>
  );
}

function RevokeButton({ pair }: { pair: G2aCredentialsSummary }) {
  return (
    <ConfirmedActionButton
      className={`${buttonStyles.secondary} ${small}`}
      aria-label={`Revoke ${pair.clientId}`}
      title="Revoke G2A credentials"
      description={`Client id ${pair.clientId} and every token issued under it stop working at once, with no replacement. The last active pair cannot be revoked: rotate it instead.`}
      confirmLabel="Revoke"
      pendingLabel="Revoking…"
      tone="danger"
      mutation={useRevokeG2aPair(pair.id)}
      doneMessage={`Credentials ${pair.clientId} revoked`}
    >
      <Ban aria-hidden className="h-3.5 w-3.5" />
      Revoke
    </ConfirmedActionButton>
  );
}

/** Rotate or revoke an active pair; the pair from G2A_CLIENT_ID is changed in the environment only. */
export function G2aPairActions({ pair }: { pair: G2aCredentialsSummary }) {
  if (!pair.active) return null;
  if (pair.configured)
    return (
      <p className="max-w-48 text-xs text-slate-600">Set by G2A_CLIENT_ID: change it in the environment and restart.</p>
    );
  return (
    <div className="flex flex-wrap gap-2">
      <RotateButton pair={pair} />
      <RevokeButton pair={pair} />
    </div>
  );
}
