"use client";

import { Plus } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { buttonStyles } from "@/components/ui/button-styles";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { newG2aCredentialsSchema } from "@/lib/admin/settings-schema";
import { useGenerateG2aPair } from "./api";
import { DialogButtons, FormAlert } from "./confirm-dialog";
import { checkForm, fieldError, formLevelError, type FieldErrors } from "./field-errors";
import { G2aSecretView } from "./g2a-secret-view";

/** Generates a new pair beside the existing ones, then shows its secret this once. */
export function GenerateG2aPairButton() {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const mutation = useGenerateG2aPair();

  function close() {
    setOpen(false);
    setErrors(null);
    // The secret is forgotten with the dialog.
    mutation.reset();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkForm(newG2aCredentialsSchema, { label: new FormData(event.currentTarget).get("label") ?? "" });
    setErrors(checked.errors);
    if (checked.data) mutation.mutate(checked.data);
  }

  const alert = formLevelError(mutation.error, ["label"]);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={buttonStyles.primary}>
        <Plus aria-hidden className="h-4 w-4" />
        Generate credentials
      </button>
      <Dialog
        open={open}
        onClose={close}
        title={mutation.data ? "New G2A credentials" : "Generate G2A credentials"}
        description={
          mutation.data ? undefined : "A new client id and secret that G2A can use beside the pairs already active."
        }
      >
        {mutation.data ? (
          <G2aSecretView result={mutation.data} onDone={close} />
        ) : (
          <form onSubmit={submit} noValidate className="space-y-4">
            {alert ? <FormAlert error={alert} /> : null}
            <TextField
              id={`${id}-label`}
              name="label"
              label="Label (optional)"
              placeholder="e.g. G2A production"
              maxLength={80}
              autoFocus
              error={fieldError(errors, mutation.error, "label")}
            />
            <DialogButtons onCancel={close}>
              <button type="submit" disabled={mutation.isPending} className={buttonStyles.primary}>
                {mutation.isPending ? "Generating…" : "Generate"}
              </button>
            </DialogButtons>
          </form>
        )}
      </Dialog>
    </>
  );
}
