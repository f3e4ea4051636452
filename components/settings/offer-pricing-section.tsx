"use client";

import { SlidersHorizontal } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { errorMessage } from "@/components/api/fetch-json";
import { formatDateTime } from "@/components/orders/format";
import { buttonStyles, inputStyles } from "@/components/ui/button-styles";
import { ErrorState } from "@/components/ui/error-state";
import { LabelledValue } from "@/components/ui/labelled-value";
import { Skeleton } from "@/components/ui/skeleton";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import type { PricingDefaultsView } from "@/lib/admin/offers";
import { PRICING_STRATEGIES, PRICING_STRATEGY_LABELS } from "@/lib/admin/pricing-fields";
import { pricingDefaultsSchema, type PricingDefaultsInput } from "@/lib/admin/settings-schema";
import { usePricingDefaults, useSavePricingDefaults } from "./api";
import { checkForm, fieldError, formLevelError, type FieldErrors } from "./field-errors";
import { SaveFormDialog } from "./save-form-dialog";
import { SettingsSection } from "./settings-section";

const FIELDS = ["strategy", "targetMarginEur", "targetMarginPercent", "priceStepEur", "maxPriceEur"] as const;

/** How each strategy sets the price, in words; the floor is explained once, under the section's heading. */
const STRATEGY_RULES: Record<PricingDefaultsView["strategy"], string> = {
  FIXED:
    "each mapping's fixed price, never below the floor; a mapping without a fixed price is listed at the floor plus the target margin.",
  TARGET_MARGIN: "the floor plus the target margin.",
  FOLLOW_COMPETITION:
    "€0.01 below the cheapest competitor that is not us, never below the floor and never above the maximum price; with no competitor, the maximum price, or without one the floor plus the target margin.",
};

function targetMarginText(view: PricingDefaultsView): string {
  if (view.targetMargin !== null) return `€${view.targetMargin} over the floor`;
  if (view.targetMarginPercent !== null) return `${view.targetMarginPercent} % of the floor`;
  return "None";
}

function PricingDefaultsDetails({ view }: { view: PricingDefaultsView }) {
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-4">
        <LabelledValue label="Strategy">{PRICING_STRATEGY_LABELS[view.strategy]}</LabelledValue>
        <LabelledValue label="Target margin">{targetMarginText(view)}</LabelledValue>
        <LabelledValue label="Price step">€{view.priceStep}</LabelledValue>
        <LabelledValue label="Maximum price">{view.maxPrice === null ? "None" : `€${view.maxPrice}`}</LabelledValue>
      </dl>
      <p className="text-slate-600">
        {PRICING_STRATEGY_LABELS[view.strategy]} lists at {STRATEGY_RULES[view.strategy]}
      </p>
      <p className="text-slate-600">
        {view.updatedBy && view.updatedAt ? (
          <>
            Changed by {view.updatedBy} at{" "}
            <time dateTime={view.updatedAt} title={view.updatedAt}>
              {formatDateTime(view.updatedAt)}
            </time>
          </>
        ) : (
          "The built-in defaults: no admin has changed them yet."
        )}
      </p>
    </div>
  );
}

/** Changes the defaults: every offer whose mapping sets no pricing of its own follows on the next sync pass. */
function ChangePricingDefaultsButton({ view }: { view: PricingDefaultsView }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const save = useSavePricingDefaults();
  const { showToast } = useToast();

  function close() {
    setOpen(false);
    setErrors(null);
    save.reset();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (field: (typeof FIELDS)[number]) => String(form.get(field) ?? "");
    const values: PricingDefaultsInput = {
      strategy: text("strategy"),
      targetMarginEur: text("targetMarginEur"),
      targetMarginPercent: text("targetMarginPercent"),
      priceStepEur: text("priceStepEur"),
      maxPriceEur: text("maxPriceEur"),
    };
    const checked = checkForm(pricingDefaultsSchema, values);
    setErrors(checked.errors);
    if (!checked.data) return;
    save.mutate(values, {
      onSuccess: () => {
        close();
        showToast("Offer pricing defaults saved");
      },
    });
  }

  const error = (field: (typeof FIELDS)[number]) => fieldError(errors, save.error, field);
  const alert = formLevelError(save.error, FIELDS);
  const strategyError = error("strategy");
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={buttonStyles.secondary}>
        <SlidersHorizontal aria-hidden className="h-4 w-4" />
        Change defaults
      </button>
      <SaveFormDialog
        open={open}
        onClose={close}
        title="Change offer pricing defaults"
        description="They price every offer whose product mapping does not set its own. Offers follow on the next sync pass."
        onSubmit={submit}
        alert={alert}
        saving={save.isPending}
      >
        <div>
          <label htmlFor={`${id}-strategy`} className="block text-sm font-medium">
            Strategy
          </label>
          <select
            id={`${id}-strategy`}
            name="strategy"
            defaultValue={view.strategy}
            aria-invalid={strategyError ? true : undefined}
            aria-describedby={`${id}-strategy-hint${strategyError ? ` ${id}-strategy-error` : ""}`}
            className={`${inputStyles} mt-1`}
          >
            {PRICING_STRATEGIES.map((strategy) => (
              <option key={strategy} value={strategy}>
                {PRICING_STRATEGY_LABELS[strategy]}
              </option>
            ))}
          </select>
          <ul id={`${id}-strategy-hint`} className="mt-1 space-y-0.5 text-xs text-slate-600">
            {PRICING_STRATEGIES.map((strategy) => (
              <li key={strategy}>
                {PRICING_STRATEGY_LABELS[strategy]}: {STRATEGY_RULES[strategy]}
              </li>
            ))}
          </ul>
          {strategyError && (
            <p id={`${id}-strategy-error`} className="mt-1 text-sm text-red-700">
              {strategyError}
            </p>
          )}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id={`${id}-target-margin-eur`}
            name="targetMarginEur"
            label="Target margin (EUR)"
            defaultValue={view.targetMargin ?? ""}
            inputMode="decimal"
            autoComplete="off"
            hint="Over the floor. Fill this or the %, not both."
            error={error("targetMarginEur")}
          />
          <TextField
            id={`${id}-target-margin-percent`}
            name="targetMarginPercent"
            label="Target margin (%)"
            defaultValue={view.targetMarginPercent ?? ""}
            inputMode="decimal"
            autoComplete="off"
            hint="Of the floor, such as 12.5."
            error={error("targetMarginPercent")}
          />
        </div>
        <TextField
          id={`${id}-price-step`}
          name="priceStepEur"
          label="Price step (EUR)"
          defaultValue={view.priceStep}
          inputMode="decimal"
          autoComplete="off"
          hint="A price change smaller than this is not sent to G2A; a price below the floor is always corrected. From 0.01 to 100.00."
          error={error("priceStepEur")}
        />
        <TextField
          id={`${id}-max-price`}
          name="maxPriceEur"
          label="Maximum price (EUR)"
          defaultValue={view.maxPrice ?? ""}
          inputMode="decimal"
          autoComplete="off"
          hint="Following the competition, never list above this. Empty: no maximum."
          error={error("maxPriceEur")}
        />
      </SaveFormDialog>
    </>
  );
}

/** How offers on G2A are priced where their mapping says nothing: the defaults in force, and changing them. */
export function OfferPricingSection() {
  const defaults = usePricingDefaults();
  return (
    <SettingsSection
      title="Offer pricing"
      description={
        <>
          How our offers on G2A are priced when their product mapping sets no pricing of its own. The floor is the
          lowest listed price whose G2A income covers the CWS cost plus the mapping&apos;s minimum margin; no offer is
          listed below it.
        </>
      }
      action={defaults.data ? <ChangePricingDefaultsButton view={defaults.data} /> : undefined}
    >
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        {defaults.isPending ? (
          <div role="status" aria-label="Loading the offer pricing defaults" className="space-y-2">
            <Skeleton className="h-6 w-40" />
            <Skeleton className="h-4 w-72 max-w-full" />
          </div>
        ) : defaults.isError ? (
          <ErrorState
            title="The offer pricing defaults could not be loaded"
            message={errorMessage(defaults.error)}
            onRetry={() => void defaults.refetch()}
          />
        ) : (
          <PricingDefaultsDetails view={defaults.data} />
        )}
      </div>
    </SettingsSection>
  );
}
