const HOUR_MS = 3_600_000;

/**
 * How many price changes a product may still have this rolling hour. G2A is reported to cap changes
 * at 5 per product per hour (g2a-import-api.md §7.3); the budget stays below it so one is always in reserve.
 * Kept in memory: a restart forgets the window, which the reserve covers.
 */
export class PriceChangeBudget {
  readonly #perHour: number;
  readonly #now: () => number;
  readonly #changes = new Map<string, number[]>();

  constructor(options: { perHour: number; now: () => number }) {
    if (!Number.isInteger(options.perHour) || options.perHour < 1)
      throw new RangeError("priceChangesPerHour must be a positive integer");
    this.#perHour = options.perHour;
    this.#now = options.now;
  }

  get perHour(): number {
    return this.#perHour;
  }

  #recent(productId: string, now: number): number[] {
    const recent = (this.#changes.get(productId) ?? []).filter((at) => at > now - HOUR_MS);
    if (recent.length > 0) this.#changes.set(productId, recent);
    else this.#changes.delete(productId);
    return recent;
  }

  /** Null when a change is possible now, otherwise the time it becomes possible. */
  nextPossibleAt(productId: string): Date | null {
    const recent = this.#recent(productId, this.#now());
    if (recent.length < this.#perHour) return null;
    return new Date((recent[recent.length - this.#perHour] ?? 0) + HOUR_MS);
  }

  /**
   * Takes one change of the product's budget now, before the request goes, so that concurrent
   * changes cannot overspend it. The returned function gives it back when G2A did not apply the change.
   */
  spend(productId: string): () => void {
    const now = this.#now();
    const spent = [...this.#recent(productId, now), now];
    this.#changes.set(productId, spent);
    return () => {
      const changes = this.#changes.get(productId);
      const index = changes?.lastIndexOf(now) ?? -1;
      if (changes && index >= 0) changes.splice(index, 1);
    };
  }
}
