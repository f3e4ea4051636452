"use client";

import { Check, Copy, ShieldAlert } from "lucide-react";
import { useId, useRef, useState } from "react";
import { buttonStyles } from "@/components/ui/button-styles";

/** The warning shown above a secret that exists in clear only in this dialog. */
export function ShownOnceWarning({ what }: { what: string }) {
  return (
    <p className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900">
      <ShieldAlert aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
      <span>
        <strong>Store {what} now: it is not shown again.</strong> Only a hash is kept; once this dialog is closed nobody
        can read it, and a lost one can only be replaced.
      </span>
    </p>
  );
}

type CopyState = "idle" | "copied" | "manual";

/** A labelled value with a copy button; when the clipboard is out of reach the value is selected for Ctrl+C. */
export function CopyableValue({ label, value }: { label: string; value: string }) {
  const id = useId();
  const output = useRef<HTMLOutputElement>(null);
  const [state, setState] = useState<CopyState>("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      const selection = window.getSelection();
      if (output.current && selection) selection.selectAllChildren(output.current);
      setState("manual");
    }
  }

  return (
    <div>
      <p id={`${id}-label`} className="text-sm font-medium">
        {label}
      </p>
      <div className="mt-1 flex items-stretch gap-2">
        <output
          ref={output}
          aria-labelledby={`${id}-label`}
          className="block min-w-0 flex-1 rounded-md bg-slate-900 px-3 py-2 font-mono text-sm break-all text-white"
        >
          {value}
        </output>
        <button
          type="button"
          onClick={() => void copy()}
          className={buttonStyles.secondary}
          aria-label={`Copy ${label}`}
        >
          {state === "copied" ? (
            <Check aria-hidden className="h-4 w-4 text-emerald-600" />
          ) : (
            <Copy aria-hidden className="h-4 w-4" />
          )}
          <span aria-hidden className="hidden sm:inline">
            {state === "copied" ? "Copied" : "Copy"}
          </span>
        </button>
      </div>
      <p aria-live="polite" className="mt-1 min-h-5 text-xs text-slate-600">
        {state === "copied"
          ? `${label} copied to the clipboard.`
          : state === "manual"
            ? "The clipboard is not available here: the value is selected, press Ctrl+C (⌘C) to copy it."
            : ""}
      </p>
    </div>
  );
}

/** Values that exist in clear only in this dialog: the warning, each value with its copy button, a hint, and the way out. */
export function ShownOnceValues({
  what,
  values,
  hint,
  onDone,
}: {
  what: string;
  values: ReadonlyArray<{ label: string; value: string }>;
  hint: React.ReactNode;
  onDone: () => void;
}) {
  return (
    <div className="space-y-4">
      <ShownOnceWarning what={what} />
      {values.map(({ label, value }) => (
        <CopyableValue key={label} label={label} value={value} />
      ))}
      <p className="text-sm text-slate-600">{hint}</p>
      <div className="flex justify-end">
        <button type="button" onClick={onDone} className={buttonStyles.primary} autoFocus>
          I have stored it
        </button>
      </div>
    </div>
  );
}
