"use client";

import { KeyRound, ShieldCheck, UserCheck, UserX } from "lucide-react";
import { useId, useState } from "react";
import { buttonStyles } from "@/components/ui/button-styles";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { userChangeSchema } from "@/lib/admin/user-schema";
import type { StaffUser } from "@/lib/admin/users";
import { useResetPassword, useUpdateUser } from "./api";
import { ConfirmDialog, ConfirmForm } from "./confirm-dialog";
import { checkForm, fieldError, formLevelError, type FieldErrors } from "./field-errors";
import { OneTimePasswordView } from "./one-time-password-view";
import { RoleSelect } from "./role-select";

const small = `px-2 py-1 text-xs`;

function ChangeRoleButton({ user }: { user: StaffUser }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const mutation = useUpdateUser(user.id);
  const { showToast } = useToast();

  function close() {
    setOpen(false);
    setErrors(null);
    mutation.reset();
  }

  function confirm(form: FormData) {
    const checked = checkForm(userChangeSchema, { role: form.get("role") ?? "" });
    setErrors(checked.errors);
    if (!checked.data) return;
    mutation.mutate(checked.data, {
      onSuccess: ({ user: changed }) => {
        close();
        showToast(`${changed.email} is now ${changed.role}`);
      },
    });
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={`${buttonStyles.secondary} ${small}`}
        aria-label={`Change the role of ${user.email}`}
      >
        <ShieldCheck aria-hidden className="h-3.5 w-3.5" />
        Role
      </button>
      <ConfirmDialog
        open={open}
        title="Change role"
        description={`${user.email} is ${user.role}. The new role applies from their next request; they do not need to sign in again.`}
        confirmLabel="Change role"
        pendingLabel="Changing…"
        pending={mutation.isPending}
        error={formLevelError(mutation.error, ["role"])}
        onConfirm={confirm}
        onClose={close}
      >
        <RoleSelect
          id={`${id}-role`}
          defaultValue={user.role}
          autoFocus
          error={fieldError(errors, mutation.error, "role")}
        />
      </ConfirmDialog>
    </>
  );
}

function DisableButton({ user }: { user: StaffUser }) {
  const [open, setOpen] = useState(false);
  const mutation = useUpdateUser(user.id);
  const { showToast } = useToast();
  const disabling = !user.disabled;

  function close() {
    setOpen(false);
    mutation.reset();
  }

  const confirm = () =>
    mutation.mutate(
      { disabled: disabling },
      {
        onSuccess: () => {
          close();
          showToast(`${user.email} ${disabling ? "disabled" : "enabled"}`);
        },
      },
    );

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={`${disabling ? buttonStyles.warning : buttonStyles.secondary} ${small}`}
        aria-label={`${disabling ? "Disable" : "Enable"} ${user.email}`}
      >
        {disabling ? <UserX aria-hidden className="h-3.5 w-3.5" /> : <UserCheck aria-hidden className="h-3.5 w-3.5" />}
        {disabling ? "Disable" : "Enable"}
      </button>
      <ConfirmDialog
        open={open}
        title={disabling ? "Disable user" : "Enable user"}
        description={
          disabling
            ? `${user.email} can no longer sign in, and a session already open is refused from its next request.`
            : `${user.email} can sign in again with their current password.`
        }
        confirmLabel={disabling ? "Disable" : "Enable"}
        pendingLabel={disabling ? "Disabling…" : "Enabling…"}
        pending={mutation.isPending}
        error={mutation.error}
        tone={disabling ? "danger" : "primary"}
        onConfirm={confirm}
        onClose={close}
      />
    </>
  );
}

function ResetPasswordButton({ user }: { user: StaffUser }) {
  const [open, setOpen] = useState(false);
  const mutation = useResetPassword(user.id);

  function close() {
    setOpen(false);
    mutation.reset();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={`${buttonStyles.secondary} ${small}`}
        aria-label={`Reset the password of ${user.email}`}
      >
        <KeyRound aria-hidden className="h-3.5 w-3.5" />
        Reset password
      </button>
      <Dialog
        open={open}
        onClose={close}
        title={mutation.data ? "New one-time password" : "Reset password"}
        description={
          mutation.data
            ? undefined
            : `${user.email}'s current password stops working and a new one is generated, shown to you once.`
        }
      >
        {mutation.data ? (
          <OneTimePasswordView result={mutation.data} onDone={close} />
        ) : (
          <ConfirmForm
            confirmLabel="Reset password"
            pendingLabel="Resetting…"
            pending={mutation.isPending}
            error={mutation.error}
            tone="warning"
            onConfirm={() => mutation.mutate()}
            onCancel={close}
          />
        )}
      </Dialog>
    </>
  );
}

/**
 * What an admin may do to an account. On their own row there is no role change or disabling:
 * the API refuses both, so that an admin never locks themselves out.
 */
export function UserActions({ user, isSelf }: { user: StaffUser; isSelf: boolean }) {
  return (
    <div className="flex flex-wrap gap-2">
      {!isSelf && <ChangeRoleButton user={user} />}
      {!isSelf && <DisableButton user={user} />}
      <ResetPasswordButton user={user} />
    </div>
  );
}
