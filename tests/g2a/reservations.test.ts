import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setSellingPaused } from "@/lib/settings";
import { mapDemoProducts, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import { CWS_PRODUCTS, type Sandbox } from "../support/cws-sandbox";
import type { G2aCaller } from "../support/g2a-caller";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;

beforeAll(async () => {
  ({ sandbox, app, g2a } = await startAppWithSandbox({
    env: { CWS_STOCK_MAX_AGE_SECONDS: "30", RESERVATION_TTL_SECONDS: "1800" },
  }));
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));
beforeEach(async () => {
  await sandbox.control("reset", {});
  for (const table of ["reservationItem", "reservation", "cwsProductSnapshot", "productMapping", "setting"] as const) {
    await (app.db[table] as { deleteMany: () => Promise<unknown> }).deleteMany();
  }
});

const NEON = 10000000000022;

describe("POST /reservation", () => {
  it("reserves stock and answers the remaining stock, as in the contract's example", async () => {
    await mapDemoProducts(app.db, ["NEONDO"], { minMarginCents: 50n });
    const answer = await g2a.reserve([
      { product_id: NEON, quantity: 2, additional_data: { unit_price: "5.49", auction_base_price: "6.99" } },
    ]);
    expect(answer.status).toBe(200);
    const body = answer.body as { reservation_id: string; stock: unknown };
    expect(Object.keys(body).sort()).toEqual(["reservation_id", "stock"]);
    expect(body.reservation_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body.stock).toEqual([{ product_id: NEON, inventory_size: 78 }]);
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(answer.headers.get("cache-control")).toBe("no-store, no-transform");

    const stored = await app.db.reservation.findUniqueOrThrow({
      where: { id: body.reservation_id },
      include: { items: true },
    });
    expect(stored.status).toBe("ACTIVE");
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(1800 * 1000);
    expect(stored.items[0]).toMatchObject({
      quantity: 2,
      unitPriceCents: 549n,
      auctionBasePriceCents: 699n,
      unitCostCents: 419n,
      minMarginCents: 50n,
    });
  });

  it("answers 404 PRODUCT_NOT_MAPPED naming the first unmapped product", async () => {
    await mapDemoProducts(app.db, ["NEONDO"]);
    const answer = await g2a.reserve([
      { product_id: NEON, quantity: 1 },
      { product_id: 10000000000001, quantity: 1 },
    ]);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ code: "PRODUCT_NOT_MAPPED", message: "product 10000000000001 is not for sale" });
    expect(await app.db.reservation.count()).toBe(0);
  });

  it("treats a disabled mapping as not mapped", async () => {
    await mapDemoProducts(app.db, ["NEONDO"]);
    await app.db.productMapping.updateMany({ data: { enabled: false } });
    expect((await g2a.reserve([{ product_id: NEON, quantity: 1 }])).body).toMatchObject({ code: "PRODUCT_NOT_MAPPED" });
  });

  it("answers 409 OUT_OF_STOCK for a product CWS has none of", async () => {
    await mapDemoProducts(app.db, ["STARCA"]);
    const answer = await g2a.reserve([{ product_id: 10000000000025, quantity: 1 }]);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ code: "OUT_OF_STOCK", message: "product 10000000000025: requested 1, available 0" });
  });

  it("counts units held by other active reservations", async () => {
    await mapDemoProducts(app.db, ["PIXHAR"]);
    expect((await g2a.reserve([{ product_id: 10000000000024, quantity: 2 }])).status).toBe(200);
    const answer = await g2a.reserve([{ product_id: 10000000000024, quantity: 2 }]);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ code: "OUT_OF_STOCK", message: "product 10000000000024: requested 2, available 1" });
  });

  it("answers 409 PRICE_TOO_LOW when cost plus margin exceeds unit_price, without the cost in the message", async () => {
    await mapDemoProducts(app.db, ["NEONDO"], { minMarginCents: 50n });
    const answer = await g2a.reserve([{ product_id: NEON, quantity: 2, additional_data: { unit_price: "4.50" } }]);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({
      code: "PRICE_TOO_LOW",
      message: `product ${NEON}: unit_price 4.50 is below our minimum`,
    });
  });

  it("accepts a unit_price exactly equal to cost plus margin", async () => {
    await mapDemoProducts(app.db, ["NEONDO"], { minMarginCents: 50n });
    expect((await g2a.reserve([{ product_id: NEON, quantity: 1, additional_data: { unit_price: 4.69 } }])).status).toBe(
      200,
    );
  });

  it("answers 409 SELLING_PAUSED while selling is paused", async () => {
    await mapDemoProducts(app.db, ["NEONDO"]);
    await setSellingPaused(app.db, true);
    expect(await g2a.reserve([{ product_id: NEON, quantity: 1 }])).toMatchObject({
      status: 409,
      body: { code: "SELLING_PAUSED" },
    });
  });

  it("refuses a pre-order unless its mapping allows pre-orders", async () => {
    await mapDemoProducts(app.db, ["TPP"], { allowPreOrder: false });
    expect(await g2a.reserve([{ product_id: 10000000000013, quantity: 1 }])).toMatchObject({
      status: 409,
      body: { code: "OUT_OF_STOCK" },
    });
    await mapDemoProducts(app.db, ["TPP"], { allowPreOrder: true });
    expect((await g2a.reserve([{ product_id: 10000000000013, quantity: 1 }])).status).toBe(200);
  });

  it("reserves all lines or none", async () => {
    await mapDemoProducts(app.db, ["NEONDO", "STARCA"]);
    const answer = await g2a.reserve([
      { product_id: NEON, quantity: 1 },
      { product_id: 10000000000025, quantity: 1 },
    ]);
    expect(answer.status).toBe(409);
    expect(await app.db.reservation.count()).toBe(0);
  });

  it("reads stock from a snapshot: one CWS call for a burst, one batched call for several stale products", async () => {
    await mapDemoProducts(app.db, ["NEONDO", "SKYOUT", "MISTVH", "PIXHAR"]);
    // The sandbox was reset: let the app renew its CWS token first, so only stock reads are counted.
    await g2a.reserve([{ product_id: 10000000000024, quantity: 1 }]);
    const before = (await sandbox.state()).counters.requests;
    for (let i = 0; i < 5; i++) expect((await g2a.reserve([{ product_id: NEON, quantity: 1 }])).status).toBe(200);
    expect(
      (
        await g2a.reserve([
          { product_id: 10000000000021, quantity: 1 },
          { product_id: 10000000000023, quantity: 1 },
        ])
      ).status,
    ).toBe(200);
    const after = (await sandbox.state()).counters.requests;
    const delta = (route: string) => (after[route] ?? 0) - (before[route] ?? 0);
    expect(delta("GET /v3/products/{productId}")).toBe(1);
    expect(delta("GET /v3/products")).toBe(1);
  });

  it("answers 409 OUT_OF_STOCK (supplier unavailable) quickly when CWS is down and no snapshot is usable", async () => {
    await mapDemoProducts(app.db, ["NEONDO"]);
    await sandbox.control("faults", { error5xx: { rate: 1, status: 503, routes: ["*"], remaining: null } });
    const started = Date.now();
    const answer = await g2a.reserve([{ product_id: NEON, quantity: 1 }]);
    expect(answer.body).toEqual({ code: "OUT_OF_STOCK", message: `product ${NEON}: supplier unavailable` });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("falls back to a snapshot at most 600 s old when the refresh fails", async () => {
    await mapDemoProducts(app.db, ["NEONDO"]);
    expect((await g2a.reserve([{ product_id: NEON, quantity: 1 }])).status).toBe(200);
    await app.db.cwsProductSnapshot.updateMany({ data: { fetchedAt: new Date(Date.now() - 120_000) } });
    await sandbox.control("faults", { timeout: { rate: 1, holdMs: 5000, routes: ["*"], remaining: null } });
    const answer = await g2a.reserve([{ product_id: NEON, quantity: 1 }]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ stock: [{ product_id: NEON, inventory_size: 78 }] });
  });

  it("never over-reserves: 25 concurrent reservations for the last 10 units", async () => {
    await mapDemoProducts(app.db, ["MISTVH"]);
    await sandbox.control("products", { productId: CWS_PRODUCTS.MISTVH, quantity: 10 });
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => g2a.reserve([{ product_id: 10000000000023, quantity: 1 }])),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 409)).toHaveLength(15);
    const held = await app.db.reservationItem.aggregate({ _sum: { quantity: true } });
    expect(held._sum.quantity).toBe(10);
  });
});

describe("PUT and DELETE /reservation/{id}", () => {
  async function reserveOne(): Promise<string> {
    await mapDemoProducts(app.db, ["NEONDO"]);
    const answer = await g2a.reserve([{ product_id: NEON, quantity: 2, additional_data: { unit_price: "9.00" } }]);
    return (answer.body as { reservation_id: string }).reservation_id;
  }

  it("renews an expired reservation with a new expiry and the same id", async () => {
    const id = await reserveOne();
    await app.db.reservation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const answer = await g2a.raw("PUT", `/reservation/${id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ reservation_id: id, stock: [{ product_id: NEON, inventory_size: 78 }] });
    const stored = await app.db.reservation.findUniqueOrThrow({ where: { id } });
    expect(stored.status).toBe("ACTIVE");
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 1700 * 1000);
  });

  it("renews a released reservation, and answers 404 for an unknown one", async () => {
    const id = await reserveOne();
    expect((await g2a.raw("DELETE", `/reservation/${id}`)).status).toBe(204);
    expect((await g2a.raw("PUT", `/reservation/${id.toUpperCase()}`)).status).toBe(200);
    expect(await g2a.raw("PUT", "/reservation/2a121cfe-8e7e-4ec2-a189-1738a43cc5e6")).toMatchObject({
      status: 404,
      body: { code: "NOT_FOUND" },
    });
  });

  it("re-checks the price on renewal against the stored unit_price", async () => {
    const id = await reserveOne();
    await sandbox.control("products", { productId: CWS_PRODUCTS.NEONDO, prices: [{ value: 9.5, from: 1, to: null }] });
    await app.db.cwsProductSnapshot.deleteMany();
    expect(await g2a.raw("PUT", `/reservation/${id}`)).toMatchObject({ status: 409, body: { code: "PRICE_TOO_LOW" } });
    expect((await app.db.reservation.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");
  });

  it("releases with 204, again with 204, and 404 for an unknown id", async () => {
    const id = await reserveOne();
    const first = await g2a.raw("DELETE", `/reservation/${id}`);
    expect(first.status).toBe(204);
    expect(first.text).toBe("");
    expect((await g2a.raw("DELETE", `/reservation/${id}`)).status).toBe(204);
    expect((await app.db.reservation.findUniqueOrThrow({ where: { id } })).status).toBe("RELEASED");
    expect(await g2a.raw("DELETE", "/reservation/nope")).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
  });

  it("frees the units of a released reservation", async () => {
    await mapDemoProducts(app.db, ["PIXHAR"]);
    const answer = await g2a.reserve([{ product_id: 10000000000024, quantity: 3 }]);
    const id = (answer.body as { reservation_id: string }).reservation_id;
    expect((await g2a.reserve([{ product_id: 10000000000024, quantity: 1 }])).status).toBe(409);
    await g2a.raw("DELETE", `/reservation/${id}`);
    expect((await g2a.reserve([{ product_id: 10000000000024, quantity: 3 }])).status).toBe(200);
  });

  it("answers 400 RESERVATION_CONSUMED to renewing or releasing a reservation an order used", async () => {
    const id = await reserveOne();
    expect((await g2a.order(id, 80201000000192)).status).toBeLessThan(300);
    expect(await g2a.raw("PUT", `/reservation/${id}`)).toMatchObject({
      status: 400,
      body: { code: "RESERVATION_CONSUMED", message: "reservation already used by an order" },
    });
    expect(await g2a.raw("DELETE", `/reservation/${id}`)).toMatchObject({
      status: 400,
      body: { code: "RESERVATION_CONSUMED" },
    });
  });
});
