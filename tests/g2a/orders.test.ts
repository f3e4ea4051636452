import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setSellingPaused } from "@/lib/settings";
import { mapDemoProducts, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import type { G2aCaller } from "../support/g2a-caller";
import {
  G2A_ORDER_ID,
  PRODUCTS,
  UUID_V4,
  cleanOrderTables,
  completeOrder,
  expectError,
  expectNoKeysIn,
  failOrder,
  placeOrder,
  reserve,
} from "./support/orders";

const WAIT_MS = 400;

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;

beforeAll(async () => {
  ({ sandbox, app, g2a } = await startAppWithSandbox({
    workflow: "inngest-unreachable",
    env: { ORDER_SYNC_WAIT_MS: String(WAIT_MS), CWS_STOCK_MAX_AGE_SECONDS: "30", RESERVATION_TTL_SECONDS: "1800" },
  }));
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));
beforeEach(async () => {
  await sandbox.control("reset", {});
  await cleanOrderTables(app);
  await mapDemoProducts(app.db, ["NEONDO", "SKYOUT", "PIXHAR"]);
});

const { NEONDO, SKYOUT, PIXHAR } = PRODUCTS;
type OrderBody = {
  order_id: string;
  stock: Array<{ product_id: number; inventory_size: number; inventory: unknown[] }>;
};

describe("POST /order: a new order", () => {
  it("answers 202 after the wait window with one empty stock entry per line, in reservation order", async () => {
    const reservationId = await reserve(g2a, [
      { product_id: NEONDO, quantity: 2, unit_price: "5.49" },
      { product_id: SKYOUT, quantity: 1, unit_price: "13.00" },
    ]);
    const started = Date.now();
    const answer = await g2a.order(reservationId, G2A_ORDER_ID);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS - 10);

    expect(answer.status).toBe(202);
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(answer.headers.get("cache-control")).toBe("no-store, no-transform");
    const body = answer.body as OrderBody;
    expect(body.order_id).toMatch(UUID_V4);
    expect(body.order_id).not.toBe(reservationId);
    expect(body).toEqual({
      order_id: body.order_id,
      stock: [
        { product_id: NEONDO, inventory_size: 0, inventory: [] },
        { product_id: SKYOUT, inventory_size: 0, inventory: [] },
      ],
    });
  });

  it("stores the order PENDING with the reservation's lines, consumes the reservation and records CREATED", async () => {
    const reservationId = await reserve(g2a, [
      { product_id: NEONDO, quantity: 2, unit_price: "5.49" },
      { product_id: SKYOUT, quantity: 1, unit_price: "13.00" },
    ]);
    const orderId = ((await g2a.order(reservationId, G2A_ORDER_ID)).body as OrderBody).order_id;

    const order = await app.db.order.findUniqueOrThrow({
      where: { id: orderId },
      include: { items: { orderBy: { position: "asc" } }, events: true },
    });
    expect(order).toMatchObject({
      status: "PENDING",
      g2aOrderId: String(G2A_ORDER_ID),
      reservationId,
      saleTotalCents: 2n * 549n + 1300n,
    });
    expect(order.items.map((item) => ({ ...item, id: undefined, orderId: undefined }))).toEqual([
      {
        id: undefined,
        orderId: undefined,
        position: 0,
        g2aProductId: String(NEONDO),
        cwsProductId: "303e8869-e17e-465d-9956-52a35489a490",
        quantity: 2,
        unitPriceCents: 549n,
        quotedCostCents: 419n,
        unitCostCents: null,
        minMarginCents: 0n,
        holdsStock: true,
      },
      {
        id: undefined,
        orderId: undefined,
        position: 1,
        g2aProductId: String(SKYOUT),
        cwsProductId: "d8c52d47-d362-4e4a-bf8c-085d6580ed44",
        quantity: 1,
        unitPriceCents: 1300n,
        quotedCostCents: 1249n,
        unitCostCents: null,
        minMarginCents: 0n,
        holdsStock: true,
      },
    ]);
    expect(order.events.map((event) => event.type)).toEqual(["CREATED"]);

    const reservation = await app.db.reservation.findUniqueOrThrow({
      where: { id: reservationId },
      include: { items: true },
    });
    expect(reservation.status).toBe("CONSUMED");
    expect(reservation.consumedAt).not.toBeNull();
    expect(reservation.items.every((item) => item.holdUntil === null)).toBe(true);
  });

  it("matches the reservation id without regard to case", async () => {
    const reservationId = await reserve(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    const first = await g2a.order(reservationId.toUpperCase(), G2A_ORDER_ID);
    expect(first.status).toBe(202);
    const orderId = (first.body as OrderBody).order_id;
    expect((await app.db.order.findUniqueOrThrow({ where: { id: orderId } })).reservationId).toBe(reservationId);
    expect(((await g2a.order(reservationId, G2A_ORDER_ID)).body as OrderBody).order_id).toBe(orderId);
  });

  it("is not blocked by a selling pause or by a mapping disabled after the reservation", async () => {
    const paused = await reserve(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    const disabled = await reserve(g2a, [{ product_id: SKYOUT, quantity: 1 }]);
    await setSellingPaused(app.db, true);
    expect((await g2a.order(paused, G2A_ORDER_ID)).status).toBe(202);
    await setSellingPaused(app.db, false);
    await app.db.productMapping.updateMany({ where: { g2aProductId: String(SKYOUT) }, data: { enabled: false } });
    expect((await g2a.order(disabled, G2A_ORDER_ID + 1)).status).toBe(202);
    expect(await app.db.order.count()).toBe(2);
  });

  it("answers 400 BAD_REQUEST to a missing or invalid field, storing nothing", async () => {
    const reservationId = await reserve(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    for (const body of [
      { g2a_order_id: G2A_ORDER_ID },
      { reservation_id: reservationId },
      { reservation_id: "", g2a_order_id: G2A_ORDER_ID },
      { reservation_id: "x".repeat(37), g2a_order_id: G2A_ORDER_ID },
      { reservation_id: reservationId, g2a_order_id: 0 },
      { reservation_id: reservationId, g2a_order_id: "80201-000" },
      { reservation_id: reservationId, g2a_order_id: 9007199254740992 },
    ]) {
      expectError(await g2a.raw("POST", "/order", { body }), 400, "BAD_REQUEST");
    }
    expectError(await g2a.raw("POST", "/order", { body: '{"reservation_id":' }), 400, "BAD_REQUEST");
    expect(await app.db.order.count()).toBe(0);
  });
});

describe("POST /order: replays and conflicts", () => {
  it("replays the same reservation and g2a_order_id, as a number or a digit string, with the same order and no second one", async () => {
    const reservationId = await reserve(g2a, [{ product_id: NEONDO, quantity: 2 }]);
    const first = await g2a.order(reservationId, G2A_ORDER_ID);
    const orderId = (first.body as OrderBody).order_id;
    for (const sameId of [G2A_ORDER_ID, String(G2A_ORDER_ID), `00${G2A_ORDER_ID}`]) {
      const again = await g2a.order(reservationId, sameId);
      expect(again.status).toBe(202);
      expect(again.body).toEqual(first.body);
    }
    expect(await app.db.order.count()).toBe(1);
    expect(await app.db.orderEvent.count({ where: { orderId, type: "CREATED" } })).toBe(1);
  });

  it("answers 409 ORDER_EXISTS to a reservation reused with another g2a_order_id", async () => {
    const reservationId = await reserve(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    await g2a.order(reservationId, G2A_ORDER_ID);
    expectError(
      await g2a.order(reservationId, G2A_ORDER_ID + 1),
      409,
      "ORDER_EXISTS",
      "reservation already used by another order",
    );
    expect(await app.db.order.count()).toBe(1);
  });

  it("answers 409 ORDER_EXISTS to a g2a_order_id reused with another reservation, which stays ACTIVE", async () => {
    await placeOrder(g2a, [{ product_id: NEONDO, quantity: 1 }], G2A_ORDER_ID);
    const other = await reserve(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    expectError(await g2a.order(other, String(G2A_ORDER_ID)), 409, "ORDER_EXISTS");
    expect(await app.db.order.count()).toBe(1);
    expect((await app.db.reservation.findUniqueOrThrow({ where: { id: other } })).status).toBe("ACTIVE");
  });

  it("answers 404 NOT_FOUND to an unknown reservation", async () => {
    expectError(await g2a.order("2a121cfe-8e7e-4ec2-a189-1738a43cc5e6", G2A_ORDER_ID), 404, "NOT_FOUND");
    expectError(await g2a.order("nope", G2A_ORDER_ID), 404, "NOT_FOUND");
    expect(await app.db.order.count()).toBe(0);
  });

  it("answers 410 RESERVATION_EXPIRED to an expired reservation, and takes the order once it is renewed", async () => {
    const reservationId = await reserve(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    await app.db.reservation.update({ where: { id: reservationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const answer = await g2a.order(reservationId, G2A_ORDER_ID);
    expect(answer.status).toBe(410);
    expect(answer.body).toEqual({ code: "RESERVATION_EXPIRED", message: "reservation expired" });
    expect(await app.db.order.count()).toBe(0);

    expect((await g2a.raw("PUT", `/reservation/${reservationId}`)).status).toBe(200);
    expect((await g2a.order(reservationId, G2A_ORDER_ID)).status).toBe(202);
  });

  it("answers 410 RESERVATION_EXPIRED to a reservation a sweeper marked EXPIRED", async () => {
    const reservationId = await reserve(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    await app.db.reservation.update({
      where: { id: reservationId },
      data: { status: "EXPIRED", expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await g2a.order(reservationId, G2A_ORDER_ID)).toMatchObject({
      status: 410,
      body: { code: "RESERVATION_EXPIRED" },
    });
  });

  it("answers 410 RESERVATION_EXPIRED to a released reservation", async () => {
    const reservationId = await reserve(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    expect((await g2a.raw("DELETE", `/reservation/${reservationId}`)).status).toBe(204);
    expect(await g2a.order(reservationId, G2A_ORDER_ID)).toMatchObject({
      status: 410,
      body: { code: "RESERVATION_EXPIRED", message: "reservation expired" },
    });
    expect(await app.db.order.count()).toBe(0);
  });

  it("still replays an order whose reservation's expiry has passed since", async () => {
    const { reservationId, orderId } = await placeOrder(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    await app.db.reservation.update({ where: { id: reservationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const again = await g2a.order(reservationId, G2A_ORDER_ID);
    expect(again.status).toBe(202);
    expect((again.body as OrderBody).order_id).toBe(orderId);
  });
});

describe("POST /order: the answer follows the order's state", () => {
  it("answers 200 with the keys once the order is COMPLETED, and records their first delivery", async () => {
    const { reservationId, orderId } = await placeOrder(g2a, [
      { product_id: NEONDO, quantity: 2 },
      { product_id: SKYOUT, quantity: 1 },
    ]);
    const [neon, sky] = await completeOrder(app, orderId, [
      [{ text: "NEONDO-7KQ2-M4XP-Z9TA" }, { text: " NEONDO-B3VN-81QD-XW5E\n" }],
      [{ text: "SKYOUT-AAAA-BBBB" }],
    ]);
    const answer = await g2a.order(reservationId, G2A_ORDER_ID);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      order_id: orderId,
      stock: [
        {
          product_id: NEONDO,
          inventory_size: 2,
          inventory: [
            { id: neon![0], kind: "text", value: "NEONDO-7KQ2-M4XP-Z9TA" },
            { id: neon![1], kind: "text", value: "NEONDO-B3VN-81QD-XW5E" },
          ],
        },
        {
          product_id: SKYOUT,
          inventory_size: 1,
          inventory: [{ id: sky![0], kind: "text", value: "SKYOUT-AAAA-BBBB" }],
        },
      ],
    });
    expect(await app.db.key.count({ where: { orderId, firstDeliveredAt: null } })).toBe(0);
    expect(await app.db.order.count()).toBe(1);
  });

  it("leaves returned keys out of a replay's 200, keeping the line", async () => {
    const { reservationId, orderId } = await placeOrder(g2a, [
      { product_id: NEONDO, quantity: 1 },
      { product_id: SKYOUT, quantity: 1 },
    ]);
    const [neon, sky] = (await completeOrder(app, orderId, [
      [{ text: "NEONDO-RETURNED-01" }],
      [{ text: "SKYOUT-KEPT-01" }],
    ])) as [string[], string[]];
    expect((await g2a.raw("DELETE", `/order/${orderId}/inventory?id[]=${neon[0]}`)).status).toBe(204);
    const answer = await g2a.order(reservationId, G2A_ORDER_ID);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      order_id: orderId,
      stock: [
        { product_id: NEONDO, inventory_size: 0, inventory: [] },
        { product_id: SKYOUT, inventory_size: 1, inventory: [{ id: sky[0], kind: "text", value: "SKYOUT-KEPT-01" }] },
      ],
    });
  });

  it("answers 200 to a replay waiting in the window as soon as the order completes", async () => {
    const { reservationId, orderId } = await placeOrder(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    const pending = g2a.order(reservationId, G2A_ORDER_ID);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const keyId = (await completeOrder(app, orderId, [[{ text: "NEONDO-LATE-0001" }]]))[0]![0];
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      order_id: orderId,
      stock: [
        { product_id: NEONDO, inventory_size: 1, inventory: [{ id: keyId, kind: "text", value: "NEONDO-LATE-0001" }] },
      ],
    });
  });

  it("answers 500 FULFILLMENT_FAILED for a FAILED order, without its reason", async () => {
    const { reservationId, orderId } = await placeOrder(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    await failOrder(app, orderId, "CWS refused the purchase: balance too low");
    const answer = await g2a.order(reservationId, G2A_ORDER_ID);
    expectError(answer, 500, "FULFILLMENT_FAILED");
    expect(answer.text).not.toContain("balance");
    expect(await app.db.order.count()).toBe(1);
  });

  it("answers 202 for every state still on its way", async () => {
    const { reservationId, orderId } = await placeOrder(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    for (const status of ["PLACING", "AWAITING_CODES"] as const) {
      await app.db.order.update({ where: { id: orderId }, data: { status } });
      const answer = await g2a.order(reservationId, G2A_ORDER_ID);
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({
        order_id: orderId,
        stock: [{ product_id: NEONDO, inventory_size: 0, inventory: [] }],
      });
    }
  });

  it("delivers nothing while keys are stored but the order is not COMPLETED (all or nothing)", async () => {
    const { reservationId, orderId } = await placeOrder(g2a, [{ product_id: NEONDO, quantity: 2 }]);
    await completeOrder(app, orderId, [[{ text: "NEONDO-HALF-0001" }]], { status: "AWAITING_CODES" });
    const answer = await g2a.order(reservationId, G2A_ORDER_ID);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({
      order_id: orderId,
      stock: [{ product_id: NEONDO, inventory_size: 0, inventory: [] }],
    });
    expect(await app.db.key.count({ where: { firstDeliveredAt: { not: null } } })).toBe(0);
  });
});

describe("POST /order under concurrency", () => {
  it("25 identical concurrent requests make one order and 25 identical 202 answers", async () => {
    const reservationId = await reserve(g2a, [{ product_id: NEONDO, quantity: 2 }]);
    const answers = await Promise.all(Array.from({ length: 25 }, () => g2a.order(reservationId, G2A_ORDER_ID)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(25).fill(202));
    const orderIds = new Set(answers.map((answer) => (answer.body as OrderBody).order_id));
    expect(orderIds.size).toBe(1);
    const [orderId] = [...orderIds];
    for (const answer of answers)
      expect(answer.body).toEqual({
        order_id: orderId,
        stock: [{ product_id: NEONDO, inventory_size: 0, inventory: [] }],
      });
    expect(await app.db.order.count()).toBe(1);
    expect(await app.db.orderItem.count()).toBe(1);
    expect(await app.db.orderEvent.count({ where: { type: "CREATED" } })).toBe(1);
  });

  it("25 concurrent requests with one reservation and 25 g2a_order_ids: one 202, 24 ORDER_EXISTS", async () => {
    const reservationId = await reserve(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    const g2aIds = Array.from({ length: 25 }, (_, i) => G2A_ORDER_ID + i);
    const answers = await Promise.all(g2aIds.map((g2aOrderId) => g2a.order(reservationId, g2aOrderId)));
    const winners = answers.flatMap((answer, i) => (answer.status === 202 ? [g2aIds[i]] : []));
    expect(winners).toHaveLength(1);
    for (const answer of answers.filter((candidate) => candidate.status !== 202)) {
      expectError(answer, 409, "ORDER_EXISTS", "reservation already used by another order");
    }
    const orders = await app.db.order.findMany();
    expect(orders).toHaveLength(1);
    expect(orders[0]!.g2aOrderId).toBe(String(winners[0]));
  });
});

describe("holds (§5.1)", () => {
  it("a consumed reservation's units stay held by the PENDING order, whatever the reservation's expiry", async () => {
    const { reservationId } = await placeOrder(g2a, [{ product_id: PIXHAR, quantity: 3 }]);
    await app.db.reservation.update({ where: { id: reservationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const answer = await g2a.reserve([{ product_id: PIXHAR, quantity: 1 }]);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ code: "OUT_OF_STOCK", message: `product ${PIXHAR}: requested 1, available 0` });
  });

  it("an order only holds its own units", async () => {
    await placeOrder(g2a, [{ product_id: PIXHAR, quantity: 2 }]);
    const answer = await g2a.reserve([{ product_id: PIXHAR, quantity: 1 }]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ stock: [{ product_id: PIXHAR, inventory_size: 0 }] });
  });
});

describe("logs", () => {
  it("never show a key", async () => {
    const { reservationId, orderId } = await placeOrder(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    await completeOrder(app, orderId, [[{ text: "NEONDO-LOGS-SECRET" }]]);
    expect((await g2a.order(reservationId, G2A_ORDER_ID)).status).toBe(200);
    expectNoKeysIn(app.output());
  });
});
