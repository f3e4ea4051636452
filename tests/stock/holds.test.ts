import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSync } from "@/lib/db";
import { inTransaction } from "@/lib/stores";
import { heldQuantities } from "@/lib/stock/holds";
import { createTestDb, type TestDb } from "../support/test-db";

const PRODUCTS = ["cws-a", "cws-b", "cws-c"];
const base = new Date("2026-11-22T12:00:00.000Z");
const at = (seconds: number) => new Date(base.getTime() + seconds * 1000);

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.close());

/** A small deterministic generator, so a failure replays the same way. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

async function addReservation(id: string, lines: Array<{ product: string; quantity: number; holdUntil: Date | null }>) {
  await t.db.reservation.create({
    data: {
      id,
      expiresAt: at(600),
      items: {
        create: lines.map((line, position) => ({
          position,
          g2aProductId: "1",
          cwsProductId: line.product,
          quantity: line.quantity,
          unitCostCents: 100n,
          minMarginCents: 0n,
          holdUntil: line.holdUntil,
        })),
      },
    },
  });
}

/** held(P) from its definition: the units in lines whose hold is still ahead of `now`. */
async function bruteForce(now: Date): Promise<Map<string, number>> {
  const rows = await t.db.reservationItem.findMany({
    where: { holdUntil: { gt: now } },
    select: { cwsProductId: true, quantity: true },
  });
  const held = new Map(PRODUCTS.map((id) => [id, 0]));
  for (const row of rows) held.set(row.cwsProductId, (held.get(row.cwsProductId) ?? 0) + row.quantity);
  return held;
}

describe("held units (StockHold kept by triggers)", () => {
  it("equals the sum over reservation lines after any mix of inserts, renewals, releases, product changes, expiry and deletes", async () => {
    const next = random(7);
    const reservations: string[] = [];
    let clock = 0;
    for (let step = 0; step < 300; step++) {
      const action = next(7);
      if (action <= 2 || reservations.length === 0) {
        const id = randomUUID();
        reservations.push(id);
        const lines = Array.from({ length: 1 + next(3) }, () => ({
          product: PRODUCTS[next(3)]!,
          quantity: 1 + next(5),
          holdUntil: next(6) === 0 ? null : at(clock + 1 + next(120)),
        }));
        await addReservation(id, lines);
      } else {
        const id = reservations[next(reservations.length)]!;
        if (action === 3)
          await t.db.reservationItem.updateMany({
            where: { reservationId: id },
            data: { holdUntil: at(clock + 1 + next(120)) },
          });
        else if (action === 4)
          await t.db.reservationItem.updateMany({ where: { reservationId: id }, data: { holdUntil: null } });
        else if (action === 5)
          await t.db.reservationItem.updateMany({
            where: { reservationId: id, position: 0 },
            data: { cwsProductId: PRODUCTS[next(3)]!, quantity: 1 + next(5) },
          });
        else {
          await t.db.reservation.delete({ where: { id } });
          reservations.splice(reservations.indexOf(id), 1);
        }
      }
      clock += next(10);
      const now = at(clock);
      const expected = await bruteForce(now);
      const held = await inTransaction(t.db, (tx) => heldQuantities(tx, PRODUCTS, { now }));
      expect(held, `step ${step}`).toEqual(expected);
      // After the lapsed holds are cleared, the counter is exactly the lines still holding.
      const counted = await readSync(
        t.db,
        (sqlite) =>
          sqlite.prepare(`SELECT cwsProductId, units FROM "StockHold"`).all() as Array<{
            cwsProductId: string;
            units: bigint | number;
          }>,
      );
      for (const row of counted)
        expect(Number(row.units), `${row.cwsProductId} at step ${step}`).toBe(expected.get(row.cwsProductId) ?? 0);
    }
  });

  it("leaves out the reservation being renewed and adds units in orders CWS has not accepted", async () => {
    await addReservation("r-1", [{ product: "cws-a", quantity: 3, holdUntil: at(60) }]);
    await addReservation("r-2", [
      { product: "cws-a", quantity: 2, holdUntil: at(60) },
      { product: "cws-a", quantity: 4, holdUntil: at(60) },
    ]);
    await addReservation("r-3", [{ product: "cws-a", quantity: 5, holdUntil: null }]);
    const order = await t.db.order.create({
      data: {
        id: "o-1",
        g2aOrderId: "g-1",
        reservationId: "r-3",
        status: "PLACING",
        items: {
          create: [
            {
              position: 0,
              g2aProductId: "1",
              cwsProductId: "cws-a",
              quantity: 5,
              quotedCostCents: 100n,
              minMarginCents: 0n,
              holdsStock: true,
            },
          ],
        },
      },
    });
    const now = at(1);
    expect(await inTransaction(t.db, (tx) => heldQuantities(tx, ["cws-a"], { now }))).toEqual(new Map([["cws-a", 14]]));
    expect(
      await inTransaction(t.db, (tx) => heldQuantities(tx, ["cws-a"], { now, excludeReservationId: "r-2" })),
    ).toEqual(new Map([["cws-a", 8]]));
    await t.db.orderItem.updateMany({ where: { orderId: order.id }, data: { holdsStock: false } });
    expect(await inTransaction(t.db, (tx) => heldQuantities(tx, ["cws-a"], { now: at(61) }))).toEqual(
      new Map([["cws-a", 0]]),
    );
    expect(await t.db.reservationItem.count({ where: { holdUntil: { not: null } } })).toBe(0);
  });
});
