"use client";

import { useId, useState, type FormEvent } from "react";
import { z } from "zod";
import { ApiError, errorMessage } from "@/components/api/fetch-json";
import { buttonStyles, inputStyles } from "@/components/ui/button-styles";
import { TextField } from "@/components/ui/text-field";
import { mappingInputSchema, type MappingRow } from "@/lib/admin/mapping-schema";
import { basisPointsToPercentText, centsToEurText } from "@/lib/admin/pricing-fields";
import { CwsProductPanel } from "./cws-product-panel";
import { MappingPricingFields, withoutUnusedPrices, type MappingPricingValues } from "./mapping-pricing-fields";

/** The form's fields as typed: text boxes and selects hold strings, checkboxes booleans. */
export type MappingFormValues = MappingPricingValues & {
  g2aProductId: string;
  cwsProductId: string;
  enabled: boolean;
  minMarginEur: string;
  maxUnitCostEur: string;
  allowPreOrder: boolean;
  g2aOfferId: string;
  g2aAuctionId: string;
  note: string;
};

export function formValuesOf(mapping: MappingRow | null): MappingFormValues {
  return {
    g2aProductId: mapping?.g2aProductId ?? "",
    cwsProductId: mapping?.cwsProductId ?? "",
    enabled: mapping?.enabled ?? true,
    minMarginEur: centsToEurText(mapping?.minMarginCents ?? null),
    maxUnitCostEur: centsToEurText(mapping?.maxUnitCostCents ?? null),
    allowPreOrder: mapping?.allowPreOrder ?? false,
    pricingStrategy: mapping?.pricingStrategy ?? "",
    fixedPriceEur: centsToEurText(mapping?.fixedPriceCents ?? null),
    targetMarginEur: centsToEurText(mapping?.targetMarginCents ?? null),
    targetMarginPercent: basisPointsToPercentText(mapping?.targetMarginBasisPoints ?? null),
    maxPriceEur: centsToEurText(mapping?.maxPriceCents ?? null),
    maxDeclaredStock: String(mapping?.maxDeclaredStock ?? ""),
    g2aOfferId: mapping?.g2aOfferId ?? "",
    g2aAuctionId: mapping?.g2aAuctionId ?? "",
    note: mapping?.note ?? "",
  };
}

type MappingFormProps = {
  initial: MappingFormValues;
  submitLabel: string;
  pending: boolean;
  /** The last refusal from the API: field errors go under their fields, anything else above the form. */
  error: unknown;
  onSubmit: (values: MappingFormValues) => void;
  onCancel: () => void;
};

type TextFieldName =
  "g2aProductId" | "cwsProductId" | "minMarginEur" | "maxUnitCostEur" | "g2aOfferId" | "g2aAuctionId";

/** Create or edit one mapping, checked with the API's own schema before it is sent. */
export function MappingForm({ initial, submitLabel, pending, error, onSubmit, onCancel }: MappingFormProps) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [localErrors, setLocalErrors] = useState<Record<string, string[] | undefined>>({});
  const serverErrors = error instanceof ApiError ? error.fieldErrors : {};
  const errorOf = (field: keyof MappingFormValues) => localErrors[field]?.[0] ?? serverErrors[field]?.[0];
  const formError =
    error &&
    !(error instanceof ApiError && Object.keys(error.fieldErrors).length > 0 && error.code === "VALIDATION_FAILED")
      ? errorMessage(error)
      : null;

  // A field's own complaint goes as soon as it is edited; the next submit checks everything again.
  const set = <Field extends keyof MappingFormValues>(field: Field, value: MappingFormValues[Field]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setLocalErrors((current) => ({ ...current, [field]: undefined }));
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const sent = withoutUnusedPrices(values);
    const parsed = mappingInputSchema.safeParse(sent);
    if (!parsed.success) {
      setLocalErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setLocalErrors({});
    onSubmit(sent);
  }

  const text = (field: TextFieldName, label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => (
    <TextField
      id={`${id}-${field}`}
      name={field}
      label={label}
      value={values[field]}
      onChange={(event) => set(field, event.target.value)}
      error={errorOf(field)}
      {...extra}
    />
  );
  const checkbox = (field: "enabled" | "allowPreOrder", label: string, hint: string) => (
    <div className="flex items-start gap-2">
      <input
        id={`${id}-${field}`}
        name={field}
        type="checkbox"
        checked={values[field]}
        onChange={(event) => set(field, event.target.checked)}
        aria-describedby={`${id}-${field}-hint`}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
      />
      <div>
        <label htmlFor={`${id}-${field}`} className="text-sm font-medium">
          {label}
        </label>
        <p id={`${id}-${field}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      </div>
    </div>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {formError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      )}
      {text("g2aProductId", "G2A product id", {
        inputMode: "numeric",
        autoComplete: "off",
        required: true,
        autoFocus: true,
      })}
      <div>
        {text("cwsProductId", "CWS product id", {
          autoComplete: "off",
          required: true,
          spellCheck: false,
          placeholder: "e.g. 303e8869-e17e-465d-9956-52a35489a490",
        })}
        <CwsProductPanel productId={values.cwsProductId} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {text("minMarginEur", "Minimum margin (EUR)", { inputMode: "decimal", placeholder: "Global default" })}
        {text("maxUnitCostEur", "Maximum unit cost (EUR)", { inputMode: "decimal", placeholder: "No cap" })}
      </div>
      {checkbox("enabled", "Enabled", "G2A can reserve and buy this product.")}
      {checkbox("allowPreOrder", "Allow pre-orders", "Sell it before its release date; the keys arrive on release.")}
      <MappingPricingFields idPrefix={id} values={values} onChange={set} errorOf={errorOf} />
      <div className="grid gap-4 sm:grid-cols-2">
        {text("g2aOfferId", "G2A offer id", { autoComplete: "off", spellCheck: false })}
        {text("g2aAuctionId", "G2A auction id", { inputMode: "numeric", autoComplete: "off" })}
      </div>
      <div>
        <label htmlFor={`${id}-note`} className="block text-sm font-medium">
          Note
        </label>
        <textarea
          id={`${id}-note`}
          name="note"
          rows={2}
          maxLength={500}
          value={values.note}
          onChange={(event) => set("note", event.target.value)}
          aria-invalid={errorOf("note") ? true : undefined}
          aria-describedby={errorOf("note") ? `${id}-note-error` : undefined}
          className={`${inputStyles} mt-1`}
        />
        {errorOf("note") && (
          <p id={`${id}-note-error`} className="mt-1 text-sm text-red-700">
            {errorOf("note")}
          </p>
        )}
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button type="button" onClick={onCancel} className={buttonStyles.secondary}>
          Cancel
        </button>
        <button type="submit" disabled={pending} className={buttonStyles.primary}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
