"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { ConfirmDialog } from "./confirm-dialog";

type ConfirmedActionButtonProps<Answer> = {
  /** The button's icon and words. */
  children: React.ReactNode;
  className: string;
  /** The button's accessible name, where its words alone do not say what it acts on. */
  "aria-label"?: string;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  tone: "primary" | "danger" | "warning";
  mutation: UseMutationResult<Answer, Error, void>;
  /** Shown as a toast once the action is done. */
  doneMessage: string;
};

/** A button that asks before it acts: the confirmation, the API's refusal in it, and a toast once done. */
export function ConfirmedActionButton<Answer>({
  children,
  className,
  "aria-label": ariaLabel,
  mutation,
  doneMessage,
  ...dialog
}: ConfirmedActionButtonProps<Answer>) {
  const [open, setOpen] = useState(false);
  const { showToast } = useToast();

  function close() {
    setOpen(false);
    mutation.reset();
  }

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={className} aria-label={ariaLabel}>
        {children}
      </button>
      <ConfirmDialog
        {...dialog}
        open={open}
        pending={mutation.isPending}
        error={mutation.error}
        onConfirm={() =>
          mutation.mutate(undefined, {
            onSuccess: () => {
              close();
              showToast(doneMessage);
            },
          })
        }
        onClose={close}
      />
    </>
  );
}
