const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** How often to ask CWS about an order, by the time since it was bought (codeswholesale-v3.md §11.9). */
const SCHEDULE: ReadonlyArray<{ until: number; every: number }> = [
  { until: 2 * MINUTE, every: 5 * SECOND },
  { until: 30 * MINUTE, every: 30 * SECOND },
  { until: 24 * HOUR, every: 5 * MINUTE },
  { until: Number.POSITIVE_INFINITY, every: HOUR },
];

/** The workflow run polls for this long; the poll-awaiting-orders cron carries on after it. */
export const RUN_POLL_WINDOW_MS = 30 * MINUTE;

export function pollIntervalMs(sincePurchaseMs: number): number {
  return SCHEDULE.find((band) => sincePurchaseMs < band.until)!.every;
}

/** When the next poll is due, given when the order was bought and when it was last polled. */
export function nextPollAt(orderedAt: Date, lastPolledAt: Date | null): Date {
  const from = lastPolledAt ?? orderedAt;
  return new Date(from.getTime() + pollIntervalMs(from.getTime() - orderedAt.getTime()));
}
