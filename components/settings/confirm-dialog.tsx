"use client";

import { errorMessage } from "@/components/api/fetch-json";
import { buttonStyles } from "@/components/ui/button-styles";
import { Dialog } from "@/components/ui/dialog";

type ConfirmFormProps = {
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** The last refusal from the API, shown in words. */
  error: unknown;
  tone?: "primary" | "danger" | "warning";
  /** Called with the form's fields when confirmed. */
  onConfirm: (form: FormData) => void;
  onCancel: () => void;
  /** Fields asked before confirming (a reason, a role); the form submits on Enter. */
  children?: React.ReactNode;
};

/** The inside of a confirmation: the API's refusal if any, optional fields, Cancel and the action named on its button. */
export function ConfirmForm({
  confirmLabel,
  pendingLabel,
  pending,
  error,
  tone = "primary",
  onConfirm,
  onCancel,
  children,
}: ConfirmFormProps) {
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm(new FormData(event.currentTarget));
      }}
    >
      {error ? <FormAlert error={error} /> : null}
      {children}
      <DialogButtons onCancel={onCancel}>
        <button type="submit" disabled={pending} className={buttonStyles[tone]} autoFocus={!children}>
          {pending ? pendingLabel : confirmLabel}
        </button>
      </DialogButtons>
    </form>
  );
}

type ConfirmDialogProps = Omit<ConfirmFormProps, "onCancel"> & {
  open: boolean;
  title: string;
  description: React.ReactNode;
  onClose: () => void;
};

/** Asks before a change that matters: what will happen, Cancel, and the action named on its button. */
export function ConfirmDialog({ open, title, description, onClose, ...form }: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <ConfirmForm {...form} onCancel={onClose} />
    </Dialog>
  );
}

/** An API refusal at the top of a dialog's form. */
export function FormAlert({ error }: { error: unknown }) {
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {errorMessage(error)}
    </p>
  );
}

/** Cancel, then the dialog's own action: side by side from small tablets up, stacked on phones. */
export function DialogButtons({ onCancel, children }: { onCancel: () => void; children: React.ReactNode }) {
  return (
    <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
      <button type="button" onClick={onCancel} className={buttonStyles.secondary}>
        Cancel
      </button>
      {children}
    </div>
  );
}
