"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/components/api/fetch-json";
import { ConfirmDialog } from "@/components/settings/confirm-dialog";
import { buttonStyles } from "@/components/ui/button-styles";
import { useToast } from "@/components/ui/toast";
import type { OfferActionAnswer } from "./api";

type OfferActionButtonProps = {
  label: string;
  pendingLabel: string;
  icon: React.ReactNode;
  tone: "primary" | "secondary" | "warning" | "danger";
  mutation: UseMutationResult<OfferActionAnswer, Error, void>;
  /** Asked before the action is taken; without it the button acts at once. */
  confirm?: { title: string; description: React.ReactNode };
};

/** A staff action on an offer: the button, its confirmation if any, a toast with the answer, the refusal in words. */
export function OfferActionButton({ label, pendingLabel, icon, tone, mutation, confirm }: OfferActionButtonProps) {
  const [open, setOpen] = useState(false);
  const { showToast } = useToast();

  function act() {
    mutation.mutate(undefined, {
      onSuccess: (answer) => {
        setOpen(false);
        showToast(answer.message);
      },
    });
  }

  function close() {
    setOpen(false);
    mutation.reset();
  }

  return (
    <div>
      <button
        type="button"
        onClick={confirm ? () => setOpen(true) : act}
        disabled={mutation.isPending}
        className={buttonStyles[tone]}
      >
        {icon}
        {mutation.isPending ? pendingLabel : label}
      </button>
      {!confirm && mutation.isError && (
        <p role="alert" className="mt-1 max-w-64 text-xs text-red-700">
          {label} failed: {errorMessage(mutation.error)}
        </p>
      )}
      {confirm && (
        <ConfirmDialog
          open={open}
          title={confirm.title}
          description={confirm.description}
          confirmLabel={label}
          pendingLabel={pendingLabel}
          pending={mutation.isPending}
          error={mutation.error}
          tone={tone === "secondary" ? "primary" : tone}
          onConfirm={act}
          onClose={close}
        />
      )}
    </div>
  );
}
