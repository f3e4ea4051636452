import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { reading } from "@/lib/stores";
import type { FulfillmentDeps } from "./deps";

const POLL_MS = 250;
const waiters = new Map<string, Set<() => void>>();

/** Wakes whoever waits on this order in this process (they re-read it; a poll covers other processes). */
export function notifyOrderChanged(orderId: string): void {
  for (const wake of waiters.get(orderId) ?? []) wake();
}

/**
 * Waits up to `timeoutMs` for the order to become COMPLETED or FAILED, checking at least every
 * 250 ms (g2a-merchant-contract.md §6.2), and returns the status it has then.
 */
export async function waitForOrderSettled(
  deps: FulfillmentDeps,
  orderId: string,
  timeoutMs: number,
): Promise<OrderStatus> {
  const deadline = Date.now() + timeoutMs;
  const read = () =>
    reading(deps.db, (stores) => {
      const status = stores.orders.status(orderId);
      if (!status) throw new Error(`order ${orderId} not found`);
      return status;
    });
  let status = await read();
  while (status !== "COMPLETED" && status !== "FAILED" && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        waiters.get(orderId)?.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
      if (!waiters.has(orderId)) waiters.set(orderId, new Set());
      waiters.get(orderId)!.add(wake);
    });
    if (waiters.get(orderId)?.size === 0) waiters.delete(orderId);
    status = await read();
  }
  return status;
}
