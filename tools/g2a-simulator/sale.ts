import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { DemoOutcome } from "@/lib/demo/catalogue";
import type { G2aClient, InventoryItem, StockEntry } from "./g2a-client";

/** One product the simulator sells: the G2A product id, the price G2A offers, what to expect. */
export type SaleProduct = {
  g2aProductId: string;
  label: string;
  unitPrice: string | null;
  quantity: number;
  expected: DemoOutcome | null;
};

export type SaleResult = {
  product: SaleProduct;
  /** What happened, in the terms of ExpectedOutcome, or "error" for anything else. */
  outcome: "keys" | "pending" | "out-of-stock" | "failed" | "error";
  /** The POST /order status (200 or 202), when the order was made. */
  orderStatus: number | null;
  /** From sending POST /order to holding every key, in ms. */
  timeToKeysMs: number | null;
  keys: InventoryItem[];
  /** The error code of the call that went wrong (G2A's `code`, or HTTP_<status>, or NETWORK). */
  errorCode: string | null;
  /** Why the outcome is not the one expected; null when it is (or nothing was expected). */
  unexpected: string | null;
  returned: number;
};

export type SaleOptions = { pollIntervalMs: number; waitForKeysMs: number; returnKeys: boolean };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const keysOf = (stock: readonly StockEntry[] | undefined): InventoryItem[] =>
  (stock ?? []).flatMap((entry) => entry.inventory ?? []);

/** A G2A order id: G2A's are int64 of at least 14 digits (§6.2); random, so runs do not collide. */
function newG2aOrderId(): string {
  return String(randomInt(100_000_000_000_000, 281_474_976_710_655));
}

/** Compares what happened with what the product should do. */
function check(result: Omit<SaleResult, "unexpected">): string | null {
  const expected = result.product.expected;
  if (result.outcome === "error") return `error ${result.errorCode}`;
  if (!expected) return result.outcome === "keys" ? null : `ended ${result.outcome}`;
  // Keys arriving for a product expected to stay pending (a released pre-order, a long wait) are welcome.
  if (expected.kind === "pending" && result.outcome === "keys") return null;
  if (expected.kind !== result.outcome)
    return `expected ${expected.kind}, got ${result.outcome}${result.errorCode ? ` (${result.errorCode})` : ""}`;
  if (expected.kind === "keys") {
    if (result.keys.length !== result.product.quantity)
      return `expected ${result.product.quantity} keys, got ${result.keys.length}`;
    const wrong = result.keys.find((key) => key.kind !== expected.keyKind);
    if (wrong) return `expected ${expected.keyKind} keys, got a ${wrong.kind} key`;
  }
  return null;
}

function finish(partial: Omit<SaleResult, "unexpected">): SaleResult {
  return { ...partial, unexpected: check(partial) };
}

/** Plays one sale as G2A: reserve, order after "payment", poll the inventory after a 202, maybe return the keys. */
export async function playSale(client: G2aClient, product: SaleProduct, options: SaleOptions): Promise<SaleResult> {
  const base = {
    product,
    orderStatus: null,
    timeToKeysMs: null,
    keys: [] as InventoryItem[],
    errorCode: null,
    returned: 0,
  };
  try {
    const reservation = await client.reserve([
      {
        product_id: product.g2aProductId,
        quantity: product.quantity,
        ...(product.unitPrice ? { additional_data: { unit_price: product.unitPrice } } : {}),
      },
    ]);
    if (reservation.status === 409 && reservation.code === "OUT_OF_STOCK")
      return finish({ ...base, outcome: "out-of-stock", errorCode: reservation.code });
    if (reservation.status !== 200) return finish({ ...base, outcome: "error", errorCode: reservation.code });
    const reservationId = (reservation.body as { reservation_id: string }).reservation_id;

    const started = performance.now();
    const order = await client.order(reservationId, newG2aOrderId());
    if (order.status === 500 && order.code === "FULFILLMENT_FAILED")
      return finish({ ...base, outcome: "failed", orderStatus: 500, errorCode: order.code });
    if (order.status !== 200 && order.status !== 202)
      return finish({ ...base, outcome: "error", orderStatus: order.status, errorCode: order.code });
    const body = order.body as { order_id: string; stock: StockEntry[] };
    let keys = order.status === 200 ? keysOf(body.stock) : [];

    const deadline = started + options.waitForKeysMs;
    while (keys.length === 0 && performance.now() < deadline) {
      await sleep(options.pollIntervalMs);
      const inventory = await client.inventory(body.order_id);
      if (inventory.status === 500 && inventory.code === "FULFILLMENT_FAILED")
        return finish({ ...base, outcome: "failed", orderStatus: order.status, errorCode: inventory.code });
      if (inventory.status !== 200)
        return finish({ ...base, outcome: "error", orderStatus: order.status, errorCode: inventory.code });
      keys = keysOf(inventory.body as StockEntry[]);
    }
    if (keys.length === 0) return finish({ ...base, outcome: "pending", orderStatus: order.status });
    const timeToKeysMs = performance.now() - started;

    let returned = 0;
    if (options.returnKeys) {
      const answer = await client.returnKeys(
        body.order_id,
        keys.map((key) => key.id),
      );
      if (answer.status !== 204)
        return finish({
          ...base,
          outcome: "error",
          orderStatus: order.status,
          timeToKeysMs,
          keys,
          errorCode: answer.code,
        });
      returned = keys.length;
    }
    return finish({ ...base, outcome: "keys", orderStatus: order.status, timeToKeysMs, keys, returned });
  } catch (error) {
    const code = error instanceof DOMException && error.name === "TimeoutError" ? "TIMEOUT" : "NETWORK";
    return finish({ ...base, outcome: "error", errorCode: code });
  }
}
