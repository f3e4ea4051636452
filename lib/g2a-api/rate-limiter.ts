/**
 * A token bucket spacing our requests to G2A: `burst` requests may go at once, then one every
 * 1/ratePerSecond seconds. Callers reserve their turn synchronously, so concurrent callers queue in order.
 */
export class RateLimiter {
  readonly #ratePerMs: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  #tokens: number;
  #updatedAt: number;

  constructor(options: {
    ratePerSecond: number;
    burst: number;
    now: () => number;
    sleep: (ms: number) => Promise<void>;
  }) {
    if (!(options.ratePerSecond > 0)) throw new RangeError("ratePerSecond must be positive");
    if (!(options.burst >= 1)) throw new RangeError("burst must be at least 1");
    this.#ratePerMs = options.ratePerSecond / 1000;
    this.#burst = options.burst;
    this.#now = options.now;
    this.#sleep = options.sleep;
    this.#tokens = options.burst;
    this.#updatedAt = options.now();
  }

  /** Waits until this request may be sent. */
  async take(): Promise<void> {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#updatedAt) * this.#ratePerMs);
    this.#updatedAt = now;
    this.#tokens -= 1;
    // A negative balance is the queue of callers ahead of us, each waiting for its token to accrue.
    if (this.#tokens < 0) await this.#sleep(Math.ceil(-this.#tokens / this.#ratePerMs));
  }
}
