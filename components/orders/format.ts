const eur = new Intl.NumberFormat("en-IE", { style: "currency", currency: "EUR" });
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** Cents as the API sends them (a decimal string, or null when unknown) to "€12.49". */
export function formatEur(cents: string | null): string {
  if (cents === null) return "—";
  return eur.format(Number(cents) / 100);
}

export function formatDateTime(iso: string | null): string {
  return iso ? dateTime.format(new Date(iso)) : "—";
}

/** "AWAITING_CODES" -> "Awaiting codes". */
export function humanize(constant: string): string {
  const words = constant.toLowerCase().replace(/[_-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
