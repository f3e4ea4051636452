import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { keyContext } from "@/lib/fulfillment/inventory";
import type { App } from "../../support/app-server";
import type { G2aAnswer, G2aCaller } from "../../support/g2a-caller";

/** Demo G2A product ids (lib/demo/catalogue.ts). */
export const PRODUCTS = {
  TWICO: 10000000000012,
  SKYOUT: 10000000000021,
  NEONDO: 10000000000022,
  PIXHAR: 10000000000024,
} as const;

/** G2A's example order id (§11). */
export const G2A_ORDER_ID = 80201000000192;

/** The 1×1 PNG of §6.6, as a key delivered as a file. */
export const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
export const PNG_BYTES = Buffer.from(PNG_BASE64, "base64");

/** Our ids (§3.6): UUID v4, lowercase. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Every table an order test writes, children before parents. */
export async function cleanOrderTables(app: App): Promise<void> {
  const { db } = app;
  await db.key.deleteMany();
  await db.orderEvent.deleteMany();
  await db.cwsPlacementAttempt.deleteMany();
  await db.orderItem.deleteMany();
  await db.order.deleteMany();
  await db.reservationItem.deleteMany();
  await db.reservation.deleteMany();
  await db.cwsProductSnapshot.deleteMany();
  await db.productMapping.deleteMany();
  await db.setting.deleteMany();
}

/** Asserts an error answer: status, code and the two-string envelope of §3.3. */
export function expectError(answer: G2aAnswer, status: number, code: string, message?: string): void {
  expect({ status: answer.status, code: (answer.body as { code?: unknown } | undefined)?.code }).toEqual({
    status,
    code,
  });
  const body = answer.body as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["code", "message"]);
  expect(typeof body.message).toBe("string");
  if (message !== undefined) expect(body.message).toBe(message);
}

/** POST /reservation that must succeed; returns the reservation id. */
export async function reserve(
  g2a: G2aCaller,
  lines: Array<{ product_id: number; quantity: number; unit_price?: string }>,
): Promise<string> {
  const answer = await g2a.reserve(
    lines.map((line) => ({
      product_id: line.product_id,
      quantity: line.quantity,
      additional_data: line.unit_price ? { unit_price: line.unit_price } : undefined,
    })),
  );
  if (answer.status !== 200) throw new Error(`reservation: ${answer.status} ${answer.text}`);
  return (answer.body as { reservation_id: string }).reservation_id;
}

/** A reservation, then POST /order on it (still PENDING: no workflow yet); returns both ids. */
export async function placeOrder(
  g2a: G2aCaller,
  lines: Array<{ product_id: number; quantity: number; unit_price?: string }>,
  g2aOrderId: number | string = G2A_ORDER_ID,
): Promise<{ reservationId: string; orderId: string }> {
  const reservationId = await reserve(g2a, lines);
  const answer = await g2a.order(reservationId, g2aOrderId);
  if (answer.status !== 202) throw new Error(`order: ${answer.status} ${answer.text}`);
  return { reservationId, orderId: (answer.body as { order_id: string }).order_id };
}

export type KeySpec = { text: string } | { file: Uint8Array; fileName?: string };

/** Every key value sealed by this file's tests: none of them may ever show up in the server output. */
export const keyValuesWritten: string[] = [];

/**
 * Stands in for the fulfilment workflow until it lands: stores the keys of each order line
 * (`keysPerLine[i]` for the line at position i), sealed with the app's vault exactly as the
 * product reads them, in the given order, and moves the order to COMPLETED (or, for "keys stored
 * but not all deliverable yet", AWAITING_CODES).
 * CWS has then accepted the purchase, so the lines no longer hold stock. Returns the key ids per line.
 */
export async function completeOrder(
  app: App,
  orderId: string,
  keysPerLine: KeySpec[][],
  options: { status?: "COMPLETED" | "AWAITING_CODES" } = {},
): Promise<string[][]> {
  const status = options.status ?? "COMPLETED";
  const items = await app.db.orderItem.findMany({ where: { orderId }, orderBy: { position: "asc" } });
  if (items.length !== keysPerLine.length)
    throw new Error(`order ${orderId} has ${items.length} lines, ${keysPerLine.length} given`);
  const storedAt = Date.now();
  let sequence = 0;
  const ids = [];
  for (const [position, keys] of keysPerLine.entries()) {
    const lineIds = [];
    for (const spec of keys) {
      const id = randomUUID();
      const plaintext = "text" in spec ? spec.text : spec.file;
      keyValuesWritten.push("text" in spec ? spec.text.trim() : Buffer.from(spec.file).toString("base64"));
      await app.db.key.create({
        data: {
          id,
          orderId,
          orderItemId: items[position]!.id,
          cwsCodeId: randomUUID(),
          kind: "text" in spec ? "TEXT" : "FILE",
          sealed: app.vault.seal(plaintext, keyContext(id)),
          fileName: "file" in spec ? (spec.fileName ?? "code.png") : null,
          storedAt: new Date(storedAt + sequence++),
        },
      });
      lineIds.push(id);
    }
    ids.push(lineIds);
  }
  await app.db.orderItem.updateMany({ where: { orderId }, data: { holdsStock: false } });
  await app.db.order.update({
    where: { id: orderId },
    data: { status, ...(status === "COMPLETED" ? { completedAt: new Date() } : {}) },
  });
  return ids;
}

/** Stands in for the workflow giving up on an order: FAILED with a reason for staff, nothing bought, nothing held. */
export async function failOrder(
  app: App,
  orderId: string,
  lastError = "CWS refused the purchase: balance too low",
): Promise<void> {
  await app.db.orderItem.updateMany({ where: { orderId }, data: { holdsStock: false } });
  await app.db.order.update({ where: { id: orderId }, data: { status: "FAILED", lastError, failedAt: new Date() } });
}

/** No key value and no file data sealed by the tests appears in what the server wrote (§3.7). */
export function expectNoKeysIn(output: string): void {
  expect(keyValuesWritten.length).toBeGreaterThan(0);
  for (const value of keyValuesWritten)
    expect(output.includes(value), `a key value appears in the server output`).toBe(false);
}
