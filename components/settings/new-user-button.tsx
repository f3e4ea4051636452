"use client";

import { UserPlus } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { buttonStyles } from "@/components/ui/button-styles";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { newUserSchema } from "@/lib/admin/user-schema";
import { useCreateUser } from "./api";
import { DialogButtons, FormAlert } from "./confirm-dialog";
import { checkForm, fieldError, formLevelError, type FieldErrors } from "./field-errors";
import { OneTimePasswordView } from "./one-time-password-view";
import { RoleSelect } from "./role-select";

const FIELDS = ["email", "name", "role"] as const;

/** Creates an account with a generated password, shown once when it is created. */
export function NewUserButton() {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const mutation = useCreateUser();

  function close() {
    setOpen(false);
    setErrors(null);
    mutation.reset();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const checked = checkForm(newUserSchema, Object.fromEntries(FIELDS.map((field) => [field, form.get(field) ?? ""])));
    setErrors(checked.errors);
    if (checked.data) mutation.mutate(checked.data);
  }

  const alert = formLevelError(mutation.error, FIELDS);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={buttonStyles.primary}>
        <UserPlus aria-hidden className="h-4 w-4" />
        Add user
      </button>
      <Dialog
        open={open}
        onClose={close}
        title={mutation.data ? "User created" : "Add user"}
        description={
          mutation.data
            ? `${mutation.data.user.email} can sign in as ${mutation.data.user.role} with this password.`
            : "A password is generated and shown once, for you to hand over."
        }
      >
        {mutation.data ? (
          <OneTimePasswordView result={mutation.data} onDone={close} />
        ) : (
          <form onSubmit={submit} noValidate className="space-y-4">
            {alert ? <FormAlert error={alert} /> : null}
            <TextField
              id={`${id}-email`}
              name="email"
              type="email"
              label="E-mail"
              autoComplete="off"
              autoFocus
              maxLength={254}
              error={fieldError(errors, mutation.error, "email")}
            />
            <TextField
              id={`${id}-name`}
              name="name"
              label="Name (optional)"
              autoComplete="off"
              maxLength={100}
              error={fieldError(errors, mutation.error, "name")}
            />
            <RoleSelect id={`${id}-role`} error={fieldError(errors, mutation.error, "role")} />
            <DialogButtons onCancel={close}>
              <button type="submit" disabled={mutation.isPending} className={buttonStyles.primary}>
                {mutation.isPending ? "Creating…" : "Create user"}
              </button>
            </DialogButtons>
          </form>
        )}
      </Dialog>
    </>
  );
}
