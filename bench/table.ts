/** One line of the summary: what was measured, against which target, and whether it was met (null: no target). */
export type BenchRow = [name: string, measured: string, target: string, met: boolean | null];

const WIDTHS = [34, 78, 38];

/** The summary table `npm run bench` prints. */
export function printTable(rows: readonly BenchRow[]): void {
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(WIDTHS[index] ?? 6)).join(" │ ");
  console.log(line(["benchmark", "measured", "target", "met"]));
  console.log("─".repeat(160));
  for (const [name, measured, target, met] of rows)
    console.log(line([name, measured, target, met === null ? "–" : met ? "yes" : "NO"]));
}

/** Whether each row with a target was met, by row name, as bench/results.json keeps it. */
export function metByRow(rows: readonly BenchRow[]): Record<string, boolean> {
  return Object.fromEntries(rows.flatMap(([name, , , met]) => (met === null ? [] : [[name, met]])));
}
