import type { OfferProblem, OfferStatus, PassSummary } from "@/lib/admin/offer-schema";
import { formatEuros as centsToEuros } from "@/lib/g2a/money";
import { parseChange } from "@/lib/offers/g2a-side";

const eur = new Intl.NumberFormat("en-IE", { style: "currency", currency: "EUR" });

/** A euro amount as the offers API sends it ("5.98", "-0.20", or null when unknown) to "€5.98". */
export function formatEuros(euros: string | null): string {
  return euros === null ? "—" : eur.format(Number(euros));
}

/** Each problem the list filters by, as its chip names it. */
export const PROBLEM_LABELS = {
  paused_by_g2a: "Paused by G2A",
  uneconomic: "Uneconomic",
  out_of_stock: "Out of stock",
  failing: "Failing",
  no_offer: "No offer",
} as const satisfies Record<OfferProblem, string>;

export const OFFER_PROBLEMS = Object.keys(PROBLEM_LABELS) as OfferProblem[];

export const STATUS_LABELS = {
  active: "Active",
  inactive: "Inactive",
  no_offer: "No offer",
  creating: "Creating",
  paused_by_g2a: "Paused by G2A",
  paused_by_staff: "Paused by staff",
} as const satisfies Record<OfferStatus, string>;

/** What a sync ended in, as staff read it. */
const OUTCOME_LABELS: Record<keyof PassSummary["outcomes"], string> = {
  unchanged: "Unchanged",
  sent: "Sent to G2A",
  waiting: "Waiting",
  stopped: "Held inactive",
  failed: "Failed",
  busy: "Busy elsewhere",
  unlinked: "No offer",
};

export function outcomeLabel(outcome: string | null): string {
  if (outcome === null) return "Never synced";
  return OUTCOME_LABELS[outcome as keyof PassSummary["outcomes"]] ?? outcome;
}

export const PASS_OUTCOMES = Object.keys(OUTCOME_LABELS) as Array<keyof PassSummary["outcomes"]>;

/** 1234 ms -> "1.2 s"; 75000 -> "1 min 15 s". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1_000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A change as the sync sent it to G2A (stored as JSON) in words: "price €4.22 (income €3.80), stock 3, active". */
export function describeSent(sent: string | null): string {
  if (sent === null) return "—";
  const change = parseChange(sent);
  const parts: string[] = [];
  if (change.priceCents !== undefined) {
    const income = change.incomeCents !== undefined ? ` (income €${centsToEuros(BigInt(change.incomeCents))})` : "";
    parts.push(`price €${centsToEuros(BigInt(change.priceCents))}${income}`);
  }
  if (change.inventorySize !== undefined) parts.push(`stock ${change.inventorySize}`);
  if (change.active !== undefined) parts.push(change.active ? "active" : "inactive");
  return parts.join(", ") || sent;
}
