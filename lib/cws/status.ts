/** What this process last saw of CWS: the health endpoint reports it without calling CWS. */
export type CwsStatus = {
  state: "unknown" | "ok" | "failing";
  lastOkAt: string | null;
  lastFailureAt: string | null;
  lastFailure: string | null;
  /** The first failure since CWS last answered: how long it has been unreachable. */
  failingSince: string | null;
};

// Shared through globalThis: Next.js bundles routes separately, and every bundle should see one status.
const holder = globalThis as typeof globalThis & { __cwsStatus?: CwsStatus };

export function cwsStatus(): CwsStatus {
  return (
    holder.__cwsStatus ?? {
      state: "unknown",
      lastOkAt: null,
      lastFailureAt: null,
      lastFailure: null,
      failingSince: null,
    }
  );
}

/** Records the outcome of one CWS exchange: an answer below 500 means CWS is there; anything else, failing. */
export function recordCwsExchange(ok: boolean, failure?: string): void {
  const now = new Date().toISOString();
  const current = cwsStatus();
  holder.__cwsStatus = ok
    ? { ...current, state: "ok", lastOkAt: now, failingSince: null }
    : {
        ...current,
        state: "failing",
        lastFailureAt: now,
        lastFailure: failure ?? "no answer",
        failingSince: current.failingSince ?? now,
      };
}
