import type { SimCode, SimOrder, SimOrderLine } from "./state";

// Status and delivery are computed from the clock whenever an order is read, so no timers are needed.

export function isLineDelivered(line: SimOrderLine, now: number): boolean {
  return now >= line.deliverAt;
}

/** The codes a reader can see now: none for a delayed line whose delay has not passed. */
export function deliveredCodes(line: SimOrderLine, now: number): SimCode[] {
  return isLineDelivered(line, now) ? line.codes : [];
}

function isLineComplete(line: SimOrderLine, now: number): boolean {
  return isLineDelivered(line, now) && line.codes.every((code) => code.codeType !== "CODE_PREORDER");
}

export function orderStatus(order: SimOrder, now: number): string {
  if (order.forcedStatus !== null) return order.forcedStatus;
  return order.lines.every((line) => isLineComplete(line, now)) ? "Completed" : "Fulfilling";
}
