/**
 * The wait before retry number `attempt + 1`: exponential from `baseMs`, capped at `maxMs`, with
 * "equal jitter" (half fixed, half random) so that clients failing together do not retry together.
 */
export function jitteredBackoffMs(attempt: number, options: { baseMs: number; maxMs: number; random: () => number }) {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * options.random());
}
