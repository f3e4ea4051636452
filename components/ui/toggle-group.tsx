import { buttonStyles } from "./button-styles";

type Option<T> = { value: T; label: string };

/** A row of buttons choosing one of a few views of a list; the chosen one is pressed. */
export function ToggleGroup<T>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: ReadonlyArray<Option<T>>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div role="group" aria-label={label} className="flex gap-2">
      {options.map((option) => (
        <button
          key={option.label}
          type="button"
          aria-pressed={value === option.value}
          onClick={() => onChange(option.value)}
          className={value === option.value ? buttonStyles.primary : buttonStyles.secondary}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
