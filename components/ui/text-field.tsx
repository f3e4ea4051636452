import type { InputHTMLAttributes, Ref } from "react";
import { inputStyles } from "./button-styles";

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & {
  id: string;
  label: string;
  /** A line under the field saying what to type, announced with it. */
  hint?: React.ReactNode;
  /** Shown under the field and announced with it; marks the field invalid. */
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
};

/** A labelled input with its hint and error message tied to it for screen readers. */
export function TextField({ id, label, hint, error, inputRef, ...input }: TextFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={`${inputStyles} mt-1`}
        {...input}
      />
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
