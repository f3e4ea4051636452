"use client";

import { Check, CheckCheck } from "lucide-react";
import { useId, useState } from "react";
import { ConfirmDialog } from "@/components/settings/confirm-dialog";
import { checkForm, fieldError, formLevelError, type FieldErrors } from "@/components/settings/field-errors";
import { buttonStyles, inputStyles } from "@/components/ui/button-styles";
import { useToast } from "@/components/ui/toast";
import { acknowledgeAlertSchema, resolveAlertSchema, type AlertRow } from "@/lib/admin/alert-schema";
import { useAlertAction, type AlertAction } from "./api";

type ActionCopy = {
  label: string;
  pendingLabel: string;
  icon: React.ReactNode;
  tone: "primary" | "warning";
  title: string;
  description: string;
  noteLabel: string;
  done: string;
};

const icon = "h-4 w-4";

const COPY: Record<AlertAction, ActionCopy> = {
  acknowledge: {
    label: "Acknowledge",
    pendingLabel: "Acknowledging…",
    icon: <Check aria-hidden className={icon} />,
    tone: "warning",
    title: "Acknowledge this alert?",
    description:
      "Say you are on it: the alert moves to Acknowledged, and its repeats are counted but not sent to the channels again. It stays until it is resolved.",
    noteLabel: "Note (optional)",
    done: "Alert acknowledged",
  },
  resolve: {
    label: "Resolve",
    pendingLabel: "Resolving…",
    icon: <CheckCheck aria-hidden className={icon} />,
    tone: "primary",
    title: "Resolve this alert?",
    description:
      "Say what was done. Channels that were told of the alert hear it is resolved; should its cause come back, a new alert is raised.",
    noteLabel: "What was done",
    done: "Alert resolved",
  },
};

const SCHEMAS = { acknowledge: acknowledgeAlertSchema, resolve: resolveAlertSchema } as const;

/**
 * Acknowledge (an optional note) or Resolve (a note required) one alert: the button, a dialog naming the
 * alert and asking for the note, checked before sending, the API's refusal in words, a toast once done.
 */
export function AlertActionButton({
  alert,
  action,
  compact = false,
}: {
  alert: AlertRow;
  action: AlertAction;
  /** A small button naming the alert for screen readers, for a row of the list. */
  compact?: boolean;
}) {
  const id = useId();
  const copy = COPY[action];
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const mutation = useAlertAction(alert.id, action);
  const { showToast } = useToast();

  function close() {
    setOpen(false);
    setErrors(null);
    mutation.reset();
  }

  function confirm(form: FormData) {
    const checked = checkForm(SCHEMAS[action], { note: String(form.get("note") ?? "") });
    setErrors(checked.errors);
    if (!checked.data) return;
    // Done, the alert leaves the list or the state this button is for, and the button with it: the
    // promise still settles once it is gone, where mutate's callbacks would not be called.
    mutation.mutateAsync(checked.data).then(
      () => {
        close();
        showToast(copy.done);
      },
      () => {
        // The refusal is shown in the dialog, from mutation.error.
      },
    );
  }

  const noteError = fieldError(errors, mutation.error, "note");
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={`${buttonStyles[copy.tone]} ${compact ? "px-2 py-1 text-xs" : ""}`}
        aria-label={compact ? `${copy.label}: ${alert.title}, ${alert.subject.label}` : undefined}
      >
        {copy.icon}
        {copy.label}
      </button>
      <ConfirmDialog
        open={open}
        title={copy.title}
        description={
          <>
            <span className="block font-medium text-slate-900">
              {alert.title} — {alert.subject.label}
            </span>
            <span className="mt-1 block">{copy.description} Recorded in the audit log.</span>
          </>
        }
        confirmLabel={copy.label}
        pendingLabel={copy.pendingLabel}
        pending={mutation.isPending}
        error={formLevelError(mutation.error, ["note"])}
        tone={copy.tone}
        onConfirm={confirm}
        onClose={close}
      >
        <div>
          <label htmlFor={`${id}-note`} className="block text-sm font-medium">
            {copy.noteLabel}
          </label>
          <textarea
            id={`${id}-note`}
            name="note"
            rows={3}
            maxLength={500}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? `${id}-note-error` : undefined}
            className={`${inputStyles} mt-1`}
          />
          {noteError && (
            <p id={`${id}-note-error`} className="mt-1 text-sm text-red-700">
              {noteError}
            </p>
          )}
        </div>
      </ConfirmDialog>
    </>
  );
}
