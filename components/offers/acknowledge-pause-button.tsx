"use client";

import { ShieldCheck } from "lucide-react";
import { useId, useState } from "react";
import { z } from "zod";
import { ApiError } from "@/components/api/fetch-json";
import { ConfirmDialog } from "@/components/settings/confirm-dialog";
import { buttonStyles, inputStyles } from "@/components/ui/button-styles";
import { useToast } from "@/components/ui/toast";
import { acknowledgeSchema, type OfferRow } from "@/lib/admin/offer-schema";
import { formatDateTime } from "@/components/orders/format";
import { useAcknowledgeG2aPause } from "./api";

const LABEL = "Acknowledge G2A's deactivation";

/** ADMIN: after G2A switched the offer off, lets the sync activate it again; an optional note goes to the audit log. */
export function AcknowledgePauseButton({ offer }: { offer: OfferRow }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const acknowledge = useAcknowledgeG2aPause(offer.g2aProductId);
  const { showToast } = useToast();
  const serverFieldError = acknowledge.error instanceof ApiError ? acknowledge.error.fieldErrors.note?.[0] : undefined;
  const shownFieldError = fieldError ?? serverFieldError ?? null;

  function close() {
    setOpen(false);
    setFieldError(null);
    acknowledge.reset();
  }

  function confirm(form: FormData) {
    const parsed = acknowledgeSchema.safeParse({ note: form.get("note") ?? "" });
    if (!parsed.success) {
      setFieldError(z.flattenError(parsed.error).fieldErrors.note?.[0] ?? "Check the note");
      return;
    }
    setFieldError(null);
    acknowledge.mutate(parsed.data, {
      onSuccess: (answer) => {
        setOpen(false);
        showToast(answer.message);
      },
    });
  }

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={buttonStyles.warning}>
        <ShieldCheck aria-hidden className="h-4 w-4" />
        {LABEL}
      </button>
      <ConfirmDialog
        open={open}
        title="Acknowledge G2A's deactivation?"
        description={
          <>
            G2A switched this offer off on {formatDateTime(offer.pausedByG2aAt)}
            {offer.pausedByG2aMessage ? ` (“${offer.pausedByG2aMessage}”)` : ""}. Once acknowledged, the sync activates
            it again when it can sell. Recorded in the audit log.
          </>
        }
        confirmLabel="Acknowledge"
        pendingLabel="Acknowledging…"
        pending={acknowledge.isPending}
        error={serverFieldError ? null : acknowledge.error}
        tone="warning"
        onConfirm={confirm}
        onClose={close}
      >
        <div>
          <label htmlFor={`${id}-note`} className="block text-sm font-medium">
            Note (optional)
          </label>
          <textarea
            id={`${id}-note`}
            name="note"
            rows={3}
            maxLength={500}
            aria-invalid={shownFieldError ? true : undefined}
            aria-describedby={shownFieldError ? `${id}-note-error` : undefined}
            className={`${inputStyles} mt-1`}
          />
          {shownFieldError && (
            <p id={`${id}-note-error`} className="mt-1 text-sm text-red-700">
              {shownFieldError}
            </p>
          )}
        </div>
      </ConfirmDialog>
    </>
  );
}
