"use client";

import type { FormEvent } from "react";
import { buttonStyles } from "@/components/ui/button-styles";
import { Dialog } from "@/components/ui/dialog";
import { DialogButtons, FormAlert } from "./confirm-dialog";

type SaveFormDialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description: React.ReactNode;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The API's refusal that names none of the form's fields, shown above them. */
  alert: unknown;
  saving: boolean;
  /** Keeps Save disabled while another request of the form runs; `saving` by default. */
  busy?: boolean;
  /** Buttons before Save, such as Test. */
  actions?: React.ReactNode;
  /** The form's fields. */
  children: React.ReactNode;
};

/** A dialog holding a settings form: the refusal if any, the fields, then Cancel, any other actions and Save. */
export function SaveFormDialog({
  open,
  onClose,
  title,
  description,
  onSubmit,
  alert,
  saving,
  busy = saving,
  actions,
  children,
}: SaveFormDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {alert ? <FormAlert error={alert} /> : null}
        {children}
        <DialogButtons onCancel={onClose}>
          {actions}
          <button type="submit" disabled={busy} className={buttonStyles.primary}>
            {saving ? "Saving…" : "Save"}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
