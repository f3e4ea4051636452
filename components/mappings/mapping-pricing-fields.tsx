"use client";

import { usePricingDefaults } from "@/components/settings/api";
import { inputStyles } from "@/components/ui/button-styles";
import { TextField } from "@/components/ui/text-field";
import { PRICING_STRATEGIES, PRICING_STRATEGY_LABELS, type PricingStrategyName } from "@/lib/admin/pricing-fields";

/** The pricing part of the mapping form, as typed; an empty strategy takes the default from Settings. */
export type MappingPricingValues = {
  pricingStrategy: string;
  fixedPriceEur: string;
  targetMarginEur: string;
  targetMarginPercent: string;
  maxPriceEur: string;
  maxDeclaredStock: string;
};

type PriceField = "fixedPriceEur" | "targetMarginEur" | "targetMarginPercent" | "maxPriceEur";

/** The strategy chosen; null is the default from Settings. */
const strategyOf = (values: MappingPricingValues): PricingStrategyName | null =>
  PRICING_STRATEGIES.find((strategy) => strategy === values.pricingStrategy) ?? null;

/**
 * The price fields each strategy reads. FOLLOW_COMPETITION falls back to the target margin with no
 * competitor and no maximum; with the default strategy any of them may apply.
 */
const PRICE_FIELDS: Record<PricingStrategyName, readonly PriceField[]> = {
  FIXED: ["fixedPriceEur"],
  TARGET_MARGIN: ["targetMarginEur", "targetMarginPercent"],
  FOLLOW_COMPETITION: ["maxPriceEur", "targetMarginEur", "targetMarginPercent"],
};
const ALL_PRICE_FIELDS: readonly PriceField[] = [
  "fixedPriceEur",
  "maxPriceEur",
  "targetMarginEur",
  "targetMarginPercent",
];

function priceFieldsOf(strategy: PricingStrategyName | null): readonly PriceField[] {
  return strategy ? PRICE_FIELDS[strategy] : ALL_PRICE_FIELDS;
}

/** The values as saved: a price field the chosen strategy does not read is cleared, so nothing hidden is kept. */
export function withoutUnusedPrices<Values extends MappingPricingValues>(values: Values): Values {
  const shown = priceFieldsOf(strategyOf(values));
  const kept = (field: PriceField) => (shown.includes(field) ? values[field] : "");
  return {
    ...values,
    fixedPriceEur: kept("fixedPriceEur"),
    targetMarginEur: kept("targetMarginEur"),
    targetMarginPercent: kept("targetMarginPercent"),
    maxPriceEur: kept("maxPriceEur"),
  };
}

const STRATEGY_HINTS: Record<PricingStrategyName, string> = {
  FIXED: "Lists at the fixed price, or at the floor when the floor is higher.",
  TARGET_MARGIN: "Lists at the floor plus the target margin, in EUR or in % of the floor.",
  FOLLOW_COMPETITION:
    "Lists €0.01 below the cheapest competitor that is not us, never below the floor and never above the maximum price.",
};

const FIELD_HINTS: Record<PriceField | "maxDeclaredStock", string> = {
  fixedPriceEur: "The price buyers see on G2A; never below the floor.",
  targetMarginEur: "Over the floor; this or the %, not both. Both empty: the target margin from Settings.",
  targetMarginPercent: "Of the floor, such as 12.5.",
  maxPriceEur:
    "Following the competition, never list above this; with no competitor, list at it. Empty: the maximum from Settings, if any.",
  maxDeclaredStock: "The most units our offer shows on G2A, even when CWS has more. Empty: 9999.",
};

const LABELS: Record<PriceField | "maxDeclaredStock", string> = {
  fixedPriceEur: "Fixed price (EUR)",
  targetMarginEur: "Target margin (EUR)",
  targetMarginPercent: "Target margin (%)",
  maxPriceEur: "Maximum price (EUR)",
  maxDeclaredStock: "Maximum declared stock",
};

type MappingPricingFieldsProps = {
  idPrefix: string;
  values: MappingPricingValues;
  onChange: (field: keyof MappingPricingValues, value: string) => void;
  errorOf: (field: keyof MappingPricingValues) => string | undefined;
};

/** "Pricing on G2A": the strategy, the prices it reads, and the cap of stock declared to G2A. */
export function MappingPricingFields({ idPrefix, values, onChange, errorOf }: MappingPricingFieldsProps) {
  const defaults = usePricingDefaults();
  const strategyId = `${idPrefix}-pricingStrategy`;
  const strategyError = errorOf("pricingStrategy");
  const chosen = strategyOf(values);
  const strategyHint = chosen
    ? STRATEGY_HINTS[chosen]
    : `Takes the strategy from Settings${defaults.data ? ` (now: ${PRICING_STRATEGY_LABELS[defaults.data.strategy]})` : ""}.`;

  const field = (name: PriceField | "maxDeclaredStock", extra: { placeholder?: string; hint?: string } = {}) => (
    <TextField
      id={`${idPrefix}-${name}`}
      name={name}
      label={LABELS[name]}
      value={values[name]}
      onChange={(event) => onChange(name, event.target.value)}
      inputMode={name === "maxDeclaredStock" ? "numeric" : "decimal"}
      autoComplete="off"
      hint={extra.hint ?? FIELD_HINTS[name]}
      placeholder={extra.placeholder}
      error={errorOf(name)}
    />
  );
  const shown = priceFieldsOf(chosen);

  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">Pricing on G2A</legend>
      <p className="text-xs text-slate-600">
        The floor is the lowest listed price whose G2A income covers the CWS cost plus the minimum margin; no strategy
        lists below it. A change smaller than the price step in Settings is not sent to G2A.
      </p>
      <div>
        <label htmlFor={strategyId} className="block text-sm font-medium">
          Pricing strategy
        </label>
        <select
          id={strategyId}
          name="pricingStrategy"
          value={chosen ?? ""}
          onChange={(event) => onChange("pricingStrategy", event.target.value)}
          aria-invalid={strategyError ? true : undefined}
          aria-describedby={`${strategyId}-hint${strategyError ? ` ${strategyId}-error` : ""}`}
          className={`${inputStyles} mt-1`}
        >
          <option value="">Default (from Settings)</option>
          {PRICING_STRATEGIES.map((strategy) => (
            <option key={strategy} value={strategy}>
              {PRICING_STRATEGY_LABELS[strategy]}
            </option>
          ))}
        </select>
        <p id={`${strategyId}-hint`} className="mt-1 text-xs text-slate-600">
          {strategyHint}
        </p>
        {strategyError && (
          <p id={`${strategyId}-error`} className="mt-1 text-sm text-red-700">
            {strategyError}
          </p>
        )}
      </div>
      {shown.includes("fixedPriceEur") &&
        field("fixedPriceEur", chosen ? {} : { hint: "Read when Settings price by a fixed price." })}
      {shown.includes("maxPriceEur") && field("maxPriceEur")}
      {shown.includes("targetMarginEur") && (
        <div className="grid gap-4 sm:grid-cols-2">
          {field("targetMarginEur", {
            placeholder: "Default",
            ...(chosen === "FOLLOW_COMPETITION"
              ? { hint: "With no competitor and no maximum price: the floor plus this. This or the %, not both." }
              : {}),
          })}
          {field("targetMarginPercent", { placeholder: "Default" })}
        </div>
      )}
      {field("maxDeclaredStock", { placeholder: "9999" })}
    </fieldset>
  );
}
