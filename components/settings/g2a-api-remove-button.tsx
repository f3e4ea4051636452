"use client";

import { Trash2 } from "lucide-react";
import { buttonStyles } from "@/components/ui/button-styles";
import type { G2aApiConnectionView } from "@/lib/admin/g2a-api-connection";
import { useRemoveG2aApiCredentials } from "./api";
import { ConfirmedActionButton } from "./confirmed-action-button";

function consequence(environment: G2aApiConnectionView["environment"]): string {
  if (!environment)
    return "The saved client id and secret are deleted. No G2A_API_* variables are set, so offers cannot be managed on G2A until credentials are entered again.";
  const what = environment.source === "sandbox" ? "the local G2A sandbox" : "the environment's connection";
  return `The saved client id and secret are deleted, and the Import API is called with ${what} (${environment.baseUrl}) again at once.`;
}

/** Forgets the saved credentials after confirming; the environment's connection, if any, takes over. */
export function G2aApiRemoveButton({ environment }: { environment: G2aApiConnectionView["environment"] }) {
  return (
    <ConfirmedActionButton
      className={buttonStyles.secondary}
      title="Remove saved credentials?"
      description={consequence(environment)}
      confirmLabel="Remove"
      pendingLabel="Removing…"
      tone="danger"
      mutation={useRemoveG2aApiCredentials()}
      doneMessage="G2A seller API credentials removed"
    >
      <Trash2 aria-hidden className="h-4 w-4" />
      Remove saved credentials
    </ConfirmedActionButton>
  );
}
