import { randomInt } from "node:crypto";
import { expect } from "@playwright/test";
import { G2aCaller } from "../../tests/support/g2a-caller";

const port = Number(process.env.E2E_PORT ?? 3210);

/** The G2A credentials playwright.config.ts gives the server. */
export const g2a = new G2aCaller({
  g2aUrl: `http://localhost:${port}/api/g2a`,
  credentials: {
    clientId: "e2e0000000000000000000000000000a",
    clientSecret: "e2e-secret-e2e-secret-e2e-secret-e2e-secret-0000",
  },
});

/** The demo catalogue's G2A product ids (README, "Demo catalogue"). */
export const DEMO = {
  TWTCO: 10000000000011,
  TPWHP: 10000000000014,
  SKYOUT: 10000000000021,
  MISTVH: 10000000000023,
  FROSTSP: 10000000000026,
} as const;

export type G2aSale = { status: number; reservationId: string; g2aOrderId: string; orderId: string | null };

/** A buyer checks out and pays on G2A: a reservation, then the order, as G2A calls them. */
export async function buyOnG2a(productId: number, quantity = 1, unitPrice?: string): Promise<G2aSale> {
  const reservation = await g2a.reserve([
    { product_id: productId, quantity, ...(unitPrice ? { additional_data: { unit_price: unitPrice } } : {}) },
  ]);
  expect(reservation.status, reservation.text).toBe(200);
  const reservationId = (reservation.body as { reservation_id: string }).reservation_id;
  const g2aOrderId = String(randomInt(100_000_000, 281_474_976_710_655));
  const answer = await g2a.order(reservationId, g2aOrderId);
  return {
    status: answer.status,
    reservationId,
    g2aOrderId,
    orderId: (answer.body as { order_id?: string } | undefined)?.order_id ?? null,
  };
}
