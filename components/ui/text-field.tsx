import type { InputHTMLAttributes, Ref } from "react";
import { inputStyles } from "./button-styles";

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & {
  id: string;
  label: string;
  /** Shown under the field and announced with it; marks the field invalid. */
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
};

/** A labelled input with its error message tied to it for screen readers. */
export function TextField({ id, label, error, inputRef, ...input }: TextFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={`${inputStyles} mt-1`}
        {...input}
      />
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
