// What a CWS order's status says (codeswholesale-v3.md §8.1): CWS spells them in several ways.

/** CWS statuses that end an order without keys. */
export function isTerminalFailure(status: string): boolean {
  return ["cancelled", "canceled", "failed", "rejected"].includes(status.trim().toLowerCase());
}

/** CWS has delivered the order. */
export function isCompleted(status: string): boolean {
  return status.trim().toLowerCase() === "completed";
}
