"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { buttonStyles } from "@/components/ui/button-styles";
import { useToast } from "@/components/ui/toast";
import type { G2aApiConnectionView } from "@/lib/admin/g2a-api-connection";
import { useRemoveG2aApiCredentials } from "./api";
import { ConfirmDialog } from "./confirm-dialog";

function consequence(environment: G2aApiConnectionView["environment"]): string {
  if (!environment)
    return "The saved client id and secret are deleted. No G2A_API_* variables are set, so offers cannot be managed on G2A until credentials are entered again.";
  const what = environment.source === "sandbox" ? "the local G2A sandbox" : "the environment's connection";
  return `The saved client id and secret are deleted, and the Import API is called with ${what} (${environment.baseUrl}) again at once.`;
}

/** Forgets the saved credentials after confirming; the environment's connection, if any, takes over. */
export function G2aApiRemoveButton({ environment }: { environment: G2aApiConnectionView["environment"] }) {
  const [open, setOpen] = useState(false);
  const mutation = useRemoveG2aApiCredentials();
  const { showToast } = useToast();

  function close() {
    setOpen(false);
    mutation.reset();
  }

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={buttonStyles.secondary}>
        <Trash2 aria-hidden className="h-4 w-4" />
        Remove saved credentials
      </button>
      <ConfirmDialog
        open={open}
        title="Remove saved credentials?"
        description={consequence(environment)}
        confirmLabel="Remove"
        pendingLabel="Removing…"
        pending={mutation.isPending}
        error={mutation.error}
        tone="danger"
        onConfirm={() =>
          mutation.mutate(undefined, {
            onSuccess: () => {
              close();
              showToast("G2A seller API credentials removed");
            },
          })
        }
        onClose={close}
      />
    </>
  );
}
