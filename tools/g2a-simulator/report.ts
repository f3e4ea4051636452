import type { ShoppingSummary, SimulationSummary } from "./run";

const ms = (value: number | undefined) => (value === undefined ? "—" : `${value} ms`);

const listCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, count]) => `${name} ${count}`)
    .join(", ");

/** Shopping from offers: how many sales were bought and how many skipped, and why. */
function shoppingLines(shopping: ShoppingSummary): string[] {
  const why = shopping.skipped === 0 ? "" : ` (${listCounts(shopping.skippedByReason)})`;
  return [
    `sales:           ${shopping.bought + shopping.skipped}: ${shopping.bought} bought, ${shopping.skipped} skipped${why}`,
    `offers from:     ${shopping.offersFrom}`,
  ];
}

/**
 * The summary as a few aligned lines: sales bought vs skipped (when shopping from offers), orders,
 * 200 vs 202, time to keys, outcomes (and skips) per product, errors.
 */
export function formatSummary(summary: SimulationSummary): string {
  const lines = [
    ...(summary.shopping ? shoppingLines(summary.shopping) : []),
    `orders:          ${summary.orders} in ${(summary.durationMs / 1000).toFixed(1)} s (${summary.ordersPerSecond}/s)`,
    `POST /order:     ${summary.answered200} answered 200, ${summary.answered202} answered 202`,
    `time to keys:    p50 ${ms(summary.timeToKeysMs?.p50)}, p95 ${ms(summary.timeToKeysMs?.p95)}, max ${ms(summary.timeToKeysMs?.max)}`,
    `outcomes:        ${Object.entries(summary.outcomes)
      .filter(([, count]) => count > 0)
      .map(([outcome, count]) => `${outcome} ${count}`)
      .join(", ")}`,
    `errors by code:  ${Object.keys(summary.errorsByCode).length === 0 ? "none" : listCounts(summary.errorsByCode)}`,
    "",
    "per product:",
  ];
  const byProduct = new Map<string, Record<string, number>>();
  for (const result of summary.results) {
    const counts = byProduct.get(result.product.label) ?? {};
    counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
    byProduct.set(result.product.label, counts);
  }
  for (const [label, skipped] of Object.entries(summary.shopping?.skippedByProduct ?? {}))
    byProduct.set(label, { ...byProduct.get(label), skipped });
  for (const [label, counts] of [...byProduct].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`  ${label.padEnd(28)} ${listCounts(counts)}`);
  if (summary.unexpected.length > 0) {
    lines.push("", `unexpected (${summary.unexpected.length}):`);
    for (const { product, problem } of summary.unexpected.slice(0, 20)) lines.push(`  ${product}: ${problem}`);
    if (summary.unexpected.length > 20) lines.push(`  … and ${summary.unexpected.length - 20} more`);
  }
  return lines.join("\n");
}
