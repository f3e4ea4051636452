"use client";

import { PauseCircle, PlayCircle } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { errorMessage } from "@/components/api/fetch-json";
import { formatDateTime } from "@/components/orders/format";
import { buttonStyles, inputStyles } from "@/components/ui/button-styles";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import type { Selling } from "@/lib/admin/settings";
import { sellingSchema } from "@/lib/admin/settings-schema";
import { useSelling, useSetSelling } from "./api";
import { DialogButtons, FormAlert } from "./confirm-dialog";
import { checkForm, fieldError, formLevelError, type FieldErrors } from "./field-errors";
import { SettingsSection } from "./settings-section";

function SellingStatus({ selling }: { selling: Selling }) {
  const when = selling.updatedAt ? (
    <time dateTime={selling.updatedAt} title={selling.updatedAt}>
      {formatDateTime(selling.updatedAt)}
    </time>
  ) : null;
  if (!selling.paused) {
    return (
      <div className="text-sm">
        <p className="flex items-center gap-2 font-medium text-emerald-800">
          <PlayCircle aria-hidden className="h-4 w-4" />
          Selling is on: G2A can reserve and buy.
        </p>
        {selling.updatedBy && when && (
          <p className="mt-1 text-slate-600">
            Resumed by {selling.updatedBy} at {when}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="text-sm">
      <p className="flex items-center gap-2 font-medium text-amber-800">
        <PauseCircle aria-hidden className="h-4 w-4" />
        Selling is paused: G2A&apos;s reservations are refused (409 SELLING_PAUSED).
      </p>
      <p className="mt-1 text-slate-600">
        Paused by {selling.updatedBy ?? "someone"}
        {when && <> at {when}</>}
        {selling.reason && <> — {selling.reason}</>}
      </p>
      <p className="mt-1 text-slate-600">Orders for reservations made before the pause are still delivered.</p>
    </div>
  );
}

/** The switch itself: a button with the switch role, showing whether selling is paused. */
function PauseSwitch({ paused, onToggle }: { paused: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={paused}
      onClick={onToggle}
      className="inline-flex items-center gap-3 rounded-md px-1 py-1 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-brand-500"
    >
      <span
        aria-hidden
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors ${paused ? "bg-amber-500" : "bg-slate-300"}`}
      >
        <span
          className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${paused ? "translate-x-5" : "translate-x-0.5"}`}
        />
      </span>
      Pause selling
    </button>
  );
}

function SellingDialog({ paused, open, onClose }: { paused: boolean; open: boolean; onClose: () => void }) {
  const id = useId();
  const mutation = useSetSelling();
  const { showToast } = useToast();
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const pausing = !paused;

  function close() {
    setErrors(null);
    mutation.reset();
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = pausing ? String(new FormData(event.currentTarget).get("reason") ?? "") : undefined;
    const checked = checkForm(sellingSchema, { paused: pausing, reason });
    setErrors(checked.errors);
    if (!checked.data) return;
    mutation.mutate(checked.data, {
      onSuccess: () => {
        close();
        showToast(pausing ? "Selling paused" : "Selling resumed");
      },
    });
  }

  const reasonError = fieldError(errors, mutation.error, "reason");
  const alert = formLevelError(mutation.error, ["reason"]);
  return (
    <Dialog
      open={open}
      onClose={close}
      title={pausing ? "Pause selling?" : "Resume selling?"}
      description={
        pausing
          ? "G2A's new reservations and renewals will be refused with 409 SELLING_PAUSED until selling is resumed. Orders for reservations already made are still delivered."
          : "G2A can reserve and buy again at once."
      }
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        {alert ? <FormAlert error={alert} /> : null}
        {pausing && (
          <div>
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
              Reason (optional)
            </label>
            <textarea
              id={`${id}-reason`}
              name="reason"
              rows={2}
              maxLength={500}
              autoFocus
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${id}-reason-error` : undefined}
              className={`${inputStyles} mt-1`}
            />
            {reasonError && (
              <p id={`${id}-reason-error`} className="mt-1 text-sm text-red-700">
                {reasonError}
              </p>
            )}
          </div>
        )}
        <DialogButtons onCancel={close}>
          <button
            type="submit"
            disabled={mutation.isPending}
            className={pausing ? buttonStyles.warning : buttonStyles.primary}
            autoFocus={!pausing}
          >
            {mutation.isPending ? (pausing ? "Pausing…" : "Resuming…") : pausing ? "Pause selling" : "Resume selling"}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}

/** Whether G2A may reserve stock: everyone sees it, an admin turns it after confirming. */
export function SellingSection({ canChange }: { canChange: boolean }) {
  const selling = useSelling();
  const [open, setOpen] = useState(false);
  return (
    <SettingsSection
      title="Selling"
      description="Pause selling to stop G2A from reserving stock, for example while CWS is out of balance or prices are being checked."
    >
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        {selling.isPending ? (
          <div role="status" aria-label="Loading the selling switch" className="space-y-2">
            <Skeleton className="h-6 w-40" />
            <Skeleton className="h-4 w-72 max-w-full" />
          </div>
        ) : selling.isError ? (
          <ErrorState
            title="The selling switch could not be loaded"
            message={errorMessage(selling.error)}
            onRetry={() => void selling.refetch()}
          />
        ) : (
          <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
            <SellingStatus selling={selling.data} />
            {canChange && (
              <>
                <PauseSwitch paused={selling.data.paused} onToggle={() => setOpen(true)} />
                <SellingDialog paused={selling.data.paused} open={open} onClose={() => setOpen(false)} />
              </>
            )}
          </div>
        )}
      </div>
    </SettingsSection>
  );
}
