"use client";

import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { buttonStyles } from "@/components/ui/button-styles";
import { useToast } from "@/components/ui/toast";
import { useStaffAction, type StaffAction } from "./api";
import { ReasonForm } from "./reason-form";

type StaffActionButtonProps = {
  orderId: string;
  action: StaffAction;
  label: string;
  pendingLabel: string;
  icon: React.ReactNode;
  dialogTitle: string;
  dialogDescription: React.ReactNode;
  tone: "warning" | "danger" | "primary";
  /** Called once the action succeeded (after the toast). */
  onDone?: () => void;
};

/** A staff action on an order: the button, a dialog asking why, the call, a toast on success. */
export function StaffActionButton({
  orderId,
  action,
  label,
  pendingLabel,
  icon,
  dialogTitle,
  dialogDescription,
  tone,
  onDone,
}: StaffActionButtonProps) {
  const [open, setOpen] = useState(false);
  const mutation = useStaffAction(orderId, action);
  const { showToast } = useToast();

  function close() {
    setOpen(false);
    mutation.reset();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        disabled={mutation.isPending}
        className={buttonStyles[tone === "primary" ? "primary" : tone]}
      >
        {icon}
        {mutation.isPending ? pendingLabel : label}
      </button>
      <Dialog open={open} onClose={close} title={dialogTitle} description={dialogDescription}>
        <ReasonForm
          confirmLabel={label}
          pendingLabel={pendingLabel}
          pending={mutation.isPending}
          error={mutation.error}
          tone={tone}
          onCancel={close}
          onSubmit={(input) =>
            mutation.mutate(input, {
              onSuccess: (result) => {
                setOpen(false);
                showToast(result.message ?? `${label}: done`);
                onDone?.();
              },
            })
          }
        />
      </Dialog>
    </>
  );
}
