"use client";

import { z } from "zod";
import { useId, useRef, useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "@/components/api/fetch-json";
import { buttonStyles, inputStyles } from "@/components/ui/button-styles";
import { reasonSchema, type StaffReason } from "@/lib/fulfillment/reason";

type ReasonFormProps = {
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** The last refusal from the API, shown above the field. */
  error: unknown;
  tone?: "primary" | "danger" | "warning";
  onSubmit: (input: StaffReason) => void;
  onCancel: () => void;
};

/** Asks why (required, checked before sending) and confirms; shows the API's refusal in words. */
export function ReasonForm({
  confirmLabel,
  pendingLabel,
  pending,
  error,
  tone = "primary",
  onSubmit,
  onCancel,
}: ReasonFormProps) {
  const id = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const serverFieldError = error instanceof ApiError ? error.fieldErrors.reason?.[0] : undefined;
  const shownFieldError = fieldError ?? serverFieldError ?? null;
  const formError = error && !serverFieldError ? errorMessage(error) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = reasonSchema.safeParse({ reason: new FormData(event.currentTarget).get("reason") ?? "" });
    if (!parsed.success) {
      setFieldError(z.flattenError(parsed.error).fieldErrors.reason?.[0] ?? "Give a reason");
      inputRef.current?.focus();
      return;
    }
    setFieldError(null);
    onSubmit(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {formError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      )}
      <div>
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
          Reason
        </label>
        <textarea
          ref={inputRef}
          id={`${id}-reason`}
          name="reason"
          rows={3}
          required
          autoFocus
          maxLength={500}
          aria-invalid={shownFieldError ? true : undefined}
          aria-describedby={shownFieldError ? `${id}-reason-error` : undefined}
          className={`${inputStyles} mt-1`}
        />
        {shownFieldError && (
          <p id={`${id}-reason-error`} className="mt-1 text-sm text-red-700">
            {shownFieldError}
          </p>
        )}
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button type="button" onClick={onCancel} className={buttonStyles.secondary}>
          Cancel
        </button>
        <button type="submit" disabled={pending} className={buttonStyles[tone]}>
          {pending ? pendingLabel : confirmLabel}
        </button>
      </div>
    </form>
  );
}
