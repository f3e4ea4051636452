import { expect } from "vitest";
import type { App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import type { G2aCaller } from "../support/g2a-caller";

export type StockEntry = {
  product_id: number;
  inventory_size: number;
  inventory: Array<{ id: string; kind: string; value: string }>;
};

let nextG2aOrderId = 80_300_000_000_000 + Math.floor(Math.random() * 1_000_000) * 100;

/** G2A's side of a sale: a reservation, then the order after payment. */
export async function buy(g2a: G2aCaller, productId: number, quantity: number, unitPrice?: string) {
  const reservation = await g2a.reserve([
    { product_id: productId, quantity, ...(unitPrice ? { additional_data: { unit_price: unitPrice } } : {}) },
  ]);
  expect(reservation.status).toBe(200);
  const reservationId = (reservation.body as { reservation_id: string }).reservation_id;
  const g2aOrderId = nextG2aOrderId++;
  const answer = await g2a.order(reservationId, g2aOrderId);
  const orderId = (answer.body as { order_id?: string }).order_id ?? "";
  return { answer, orderId, reservationId, g2aOrderId, stock: (answer.body as { stock?: StockEntry[] }).stock };
}

/** Polls until `check` holds (or fails after `timeoutMs`), as G2A polls an inventory. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    value = await read();
  }
  return value;
}

export const keysOf = (entries: readonly StockEntry[] | undefined) =>
  (entries ?? []).flatMap((entry) => entry.inventory);

/** Every code the sandbox ever handed out. */
export async function sandboxCodes(sandbox: Sandbox): Promise<string[]> {
  const state = (await sandbox.state()) as unknown as {
    orders: Array<{ lines: Array<{ codes: Array<{ code: string | null }> }> }>;
  };
  return state.orders.flatMap((order) =>
    order.lines.flatMap((line) => line.codes.map((code) => code.code).filter((code): code is string => !!code)),
  );
}

export async function orderStatus(app: App, orderId: string) {
  return app.db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { status: true, needsAttention: true, lastError: true, attentionReason: true },
  });
}
