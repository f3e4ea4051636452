"use client";

import { Search } from "lucide-react";
import { useId, type FormEvent } from "react";
import { buttonStyles, inputStyles } from "./button-styles";

/** A labelled search box with its button; an empty search clears the filter. */
type SearchFormProps = {
  label: string;
  value?: string;
  placeholder?: string;
  onSearch: (q: string | undefined) => void;
  className?: string;
};

export function SearchForm({ label, value, placeholder, onSearch, className = "min-w-0 sm:w-96" }: SearchFormProps) {
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    onSearch(q || undefined);
  }
  return (
    <form role="search" onSubmit={submit} className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        {/* Keyed on the applied value so Back/Forward show what is applied. */}
        <input
          key={value ?? ""}
          id={id}
          name="q"
          type="search"
          defaultValue={value ?? ""}
          placeholder={placeholder}
          className={`${inputStyles} min-w-0`}
        />
        <button type="submit" className={buttonStyles.primary}>
          <Search aria-hidden className="h-4 w-4" />
          Search
        </button>
      </div>
    </form>
  );
}
