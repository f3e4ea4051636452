// Money is held as integer cents so that balances never drift; EUR numbers exist only at the JSON edge.

/** Converts an EUR amount from JSON into cents. */
export function toCents(euros: number): number {
  return Math.round(euros * 100);
}

/** Converts cents into the EUR number CWS prints (at most 2 decimals, e.g. 12.49 or 1038999998.96). */
export function toEuros(cents: number): number {
  return cents / 100;
}

/** True when the number is a finite EUR amount with at most 2 decimals. */
export function isEuroAmount(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && toEuros(toCents(value)) === value;
}
