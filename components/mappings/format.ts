import { formatEur } from "@/components/orders/format";

/** A mapping's minimum margin: its own, or the global G2A_MIN_MARGIN_EUR when it has none. */
export function formatMinMargin(cents: string | null): string {
  return cents === null ? "Global default" : formatEur(cents);
}

export function formatMaxUnitCost(cents: string | null): string {
  return cents === null ? "No cap" : formatEur(cents);
}

/** Price tier bounds as a buyer reads them: "1–9 units", "50+ units". */
export function formatTierRange(from: number, to: number | null): string {
  if (to === null) return `${from}+ units`;
  return from === to ? `${from} unit${from === 1 ? "" : "s"}` : `${from}–${to} units`;
}
