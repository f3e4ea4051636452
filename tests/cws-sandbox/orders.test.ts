import { describe, expect, it } from "vitest";
import {
  PRODUCT_IDS,
  startTestSimulator,
  type CwsAccount,
  type CwsCode,
  type CwsError,
  type CwsOrder,
  type CwsProduct,
} from "./support";

type OrderSummary = Omit<CwsOrder, "products">;

describe("POST /v3/orders", () => {
  it("creates a paid order: balance, stock, identifier, codes and self link", async () => {
    const client = await startTestSimulator({ publicUrl: "http://localhost:4010" });
    const clientOrderId = crypto.randomUUID();
    const result = await client.order([{ productId: PRODUCT_IDS.SKYOUT, quantity: 2, price: 12.49 }], {
      orderId: clientOrderId,
    });
    expect(result.status).toBe(200);
    const order = result.body;
    expect(order).toMatchObject({
      clientOrderId,
      identifier: "TOGENERATE-100001",
      totalPrice: 24.98,
      status: "Completed",
      links: [{ rel: "self", href: `http://localhost:4010/v3/orders/${clientOrderId}` }],
    });
    expect(order.orderId).not.toBe(clientOrderId);
    expect(Date.parse(order.createdOn)).toBeGreaterThan(Date.now() - 5000);
    const [line] = order.products;
    expect(line).toMatchObject({
      productId: PRODUCT_IDS.SKYOUT,
      name: "Skyforge Outlaws",
      unitPrice: 12.49,
      links: [],
    });
    expect(line?.codes).toHaveLength(2);
    for (const code of line?.codes ?? []) {
      expect(code).toMatchObject({ codeType: "CODE_TEXT", status: "Text code", filename: "" });
      expect(code.code).toMatch(/^SKYOUT-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(code.links).toEqual([{ rel: "self", href: `http://localhost:4010/v3/codes/${code.codeId}` }]);
    }
    expect(line?.codes[0]?.code).not.toBe(line?.codes[1]?.code);

    const account = await client.api<CwsAccount>("GET", "/v3/accounts/current");
    expect(account.body).toMatchObject({
      fullName: "CWS Simulator",
      email: "simulator@localhost",
      currentBalance: 975.02,
      currentCredit: 0,
      totalToUse: 975.02,
    });
    const product = await client.api<CwsProduct>("GET", `/v3/products/${PRODUCT_IDS.SKYOUT}`);
    expect(product.body.quantity).toBe(248);

    const second = await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }]);
    expect(second.body.identifier).toBe("TOGENERATE-100002");
  });

  it("charges the tier price for the line quantity when the price sent is at or above it", async () => {
    const client = await startTestSimulator();
    const result = await client.order([
      { productId: PRODUCT_IDS.TWTCO, quantity: 10, price: 5 },
      { productId: PRODUCT_IDS.TWTCO, quantity: 100, price: "0.11" },
    ]);
    expect(result.status).toBe(200);
    expect(result.body.products.map((line) => line.unitPrice)).toEqual([0.41, 0.11]);
    expect(result.body.totalPrice).toBe(15.1);
    expect((await client.api<CwsAccount>("GET", "/v3/accounts/current")).body.currentBalance).toBe(984.9);
  });

  it("prices overlapping bands by the largest from, then the lowest value (spec §7)", async () => {
    const client = await startTestSimulator();
    await client.control("POST", "/products", {
      productId: PRODUCT_IDS.MISTVH,
      quantity: 100,
      prices: [
        { value: 5, from: 1, to: null },
        { value: 4, from: 10, to: null },
        { value: 3.9, from: 10, to: 20 },
      ],
    });
    const result = await client.order([
      { productId: PRODUCT_IDS.MISTVH, quantity: 5 },
      { productId: PRODUCT_IDS.MISTVH, quantity: 15 },
      { productId: PRODUCT_IDS.MISTVH, quantity: 25 },
    ]);
    expect(result.body.products.map((line) => line.unitPrice)).toEqual([5, 3.9, 4]);
    expect(result.body.totalPrice).toBe(183.5);
  });

  it("refuses a price below the tier with 400/30001 and changes nothing", async () => {
    const client = await startTestSimulator();
    const result = await client.order([{ productId: PRODUCT_IDS.NEONDO, quantity: 5, price: 3.98 }]);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ status: 400, code: 30001, message: "Price has changed" });
    const state = await client.state();
    expect(state.orders).toEqual([]);
    expect(state.account.currentBalance).toBe(1000);
    expect(state.products.find((product) => product.identifier === "NEONDO")?.quantity).toBe(80);
  });

  it("lets the balance go below zero down to minus the credit", async () => {
    const client = await startTestSimulator({ balance: 10, credit: 20 });
    const result = await client.order([{ productId: PRODUCT_IDS.MISTVH, quantity: 1 }]);
    expect(result.status).toBe(200);
    expect((await client.api<CwsAccount>("GET", "/v3/accounts/current")).body).toMatchObject({
      currentBalance: -14.9,
      currentCredit: 20,
      totalToUse: 5.1,
    });
    const refused = await client.order([{ productId: PRODUCT_IDS.MISTVH, quantity: 1 }]);
    expect(refused.body).toEqual({ status: 400, code: 10002, message: "Not enough funds on the account" });
  });

  it("accepts a numeric orderId, a string quantity and any Content-Type; no orderId gives clientOrderId null", async () => {
    const client = await startTestSimulator();
    const numeric = await client.api<CwsOrder>("POST", "/v3/orders", {
      rawBody: JSON.stringify({ orderId: 12345, products: [{ productId: PRODUCT_IDS.TWTCO, quantity: "3" }] }),
      headers: { "Content-Type": "text/plain" },
    });
    expect(numeric.status).toBe(200);
    expect(numeric.body.clientOrderId).toBe("12345");
    expect(numeric.body.products[0]?.codes).toHaveLength(3);
    const anonymous = await client.api<CwsOrder>("POST", "/v3/orders", {
      body: { products: [{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }] },
    });
    expect(anonymous.body.clientOrderId).toBeNull();
    expect(anonymous.body.links[0]?.href).toMatch(new RegExp(`/v3/orders/${anonymous.body.orderId}$`));
  });

  it("does not enforce unique clientOrderId values", async () => {
    const client = await startTestSimulator();
    const clientOrderId = crypto.randomUUID();
    await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }], { orderId: clientOrderId });
    await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }], { orderId: clientOrderId });
    expect((await client.state()).ordersByClientOrderId[clientOrderId]).toHaveLength(2);
  });

  const unknown = crypto.randomUUID();
  it.each([
    ["malformed JSON", "{not json", 400, 0],
    ["an empty body", "", 400, 0],
    ["missing products", JSON.stringify({ orderId: "x" }), 400, 0],
    ["empty products", JSON.stringify({ products: [] }), 400, 0],
    [
      "an orderId that is neither string nor number",
      JSON.stringify({ orderId: { id: 1 }, products: [{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }] }),
      400,
      0,
    ],
    ["a missing productId", JSON.stringify({ products: [{ quantity: 1 }] }), 404, 20001],
    ["an unknown product", JSON.stringify({ products: [{ productId: unknown, quantity: 1 }] }), 404, 20001],
    ["quantity 0", JSON.stringify({ products: [{ productId: PRODUCT_IDS.TWTCO, quantity: 0 }] }), 400, 40002],
    [
      "a fractional quantity",
      JSON.stringify({ products: [{ productId: PRODUCT_IDS.TWTCO, quantity: 1.5 }] }),
      400,
      40002,
    ],
    ["a missing quantity", JSON.stringify({ products: [{ productId: PRODUCT_IDS.TWTCO }] }), 400, 40002],
    [
      "a price that is not numeric",
      JSON.stringify({ products: [{ productId: PRODUCT_IDS.TWTCO, quantity: 1, price: "cheap" }] }),
      400,
      0,
    ],
    ["too low stock", JSON.stringify({ products: [{ productId: PRODUCT_IDS.STARCA, quantity: 1 }] }), 400, 310003],
    [
      "stock too low once lines of one product are summed",
      JSON.stringify({
        products: [
          { productId: PRODUCT_IDS.PIXHAR, quantity: 2 },
          { productId: PRODUCT_IDS.PIXHAR, quantity: 2 },
        ],
      }),
      400,
      310003,
    ],
    [
      "a pre-order product without allowPreOrder",
      JSON.stringify({ products: [{ productId: PRODUCT_IDS.TPP, quantity: 1 }] }),
      400,
      310003,
    ],
    [
      "an account that cannot pay",
      JSON.stringify({ products: [{ productId: PRODUCT_IDS.TPWHP, quantity: 1 }] }),
      400,
      10002,
    ],
  ])("refuses %s", async (_case, rawBody, status, code) => {
    const client = await startTestSimulator();
    const result = await client.api<CwsError>("POST", "/v3/orders", {
      rawBody,
      headers: { "Content-Type": "application/json" },
    });
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ status, code, message: expect.any(String) });
    const state = await client.state();
    expect(state.orders).toHaveLength(0);
    expect(state.account.currentBalance).toBe(1000);
  });

  it("checks lines in order: a bad first line wins over a later unknown product", async () => {
    const client = await startTestSimulator();
    const result = await client.order([
      { productId: PRODUCT_IDS.TWTCO, quantity: 0 },
      { productId: crypto.randomUUID(), quantity: 1 },
    ]);
    expect(result.body.code).toBe(40002);
  });

  it("answers 400/40002 when no tier contains the quantity, and 404/20001 for a hidden product", async () => {
    const client = await startTestSimulator();
    await client.control("POST", "/products", [
      { productId: PRODUCT_IDS.MISTVH, prices: [{ value: 20, from: 5, to: null }] },
      { productId: PRODUCT_IDS.SKYOUT, sim: { hidden: true } },
    ]);
    expect((await client.order([{ productId: PRODUCT_IDS.MISTVH, quantity: 1 }])).body).toMatchObject({
      status: 400,
      code: 40002,
    });
    expect((await client.order([{ productId: PRODUCT_IDS.SKYOUT, quantity: 1 }])).body).toMatchObject({
      status: 404,
      code: 20001,
    });
  });

  it("answers 413/0 for a body over 1 MiB", async () => {
    const client = await startTestSimulator();
    const rawBody = JSON.stringify({
      products: [{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }],
      padding: "x".repeat(1024 * 1024),
    });
    const result = await client.api<CwsError>("POST", "/v3/orders", { rawBody });
    expect(result.status).toBe(413);
    expect(result.body).toEqual({ status: 413, code: 0, message: "Payload too large" });
    expect((await client.state()).orders).toHaveLength(0);
  });
});

describe("reading orders and codes", () => {
  it("reads an order by CWS id only; a clientOrderId or unknown id gets 404/30018", async () => {
    const client = await startTestSimulator();
    const clientOrderId = crypto.randomUUID();
    const created = await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }], { orderId: clientOrderId });
    const read = await client.api<CwsOrder>("GET", `/v3/orders/${created.body.orderId}`);
    expect(read.body).toEqual(created.body);
    for (const id of [clientOrderId, crypto.randomUUID()]) {
      const missing = await client.api<CwsError>("GET", `/v3/orders/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ status: 404, code: 30018, message: "Order not found" });
    }
  });

  it("lists history summaries oldest first, inclusive, with date-only or ISO bounds", async () => {
    const client = await startTestSimulator();
    const first = await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }]);
    const second = await client.order([{ productId: PRODUCT_IDS.SKYOUT, quantity: 1 }]);
    const today = new Date().toISOString().slice(0, 10);

    const byDay = await client.api<{ items: OrderSummary[] }>("GET", `/v3/orders?startFrom=${today}&endOn=${today}`);
    expect(byDay.status).toBe(200);
    expect(byDay.body.items.map((item) => item.orderId)).toEqual([first.body.orderId, second.body.orderId]);
    expect(byDay.body.items[0]).toEqual({
      orderId: first.body.orderId,
      clientOrderId: first.body.clientOrderId,
      identifier: "TOGENERATE-100001",
      status: "Completed",
      totalPrice: 1.11,
      createdOn: first.body.createdOn,
      links: first.body.links,
    });

    const exact = await client.api<{ items: OrderSummary[] }>(
      "GET",
      `/v3/orders?startFrom=${second.body.createdOn}&endOn=${second.body.createdOn}`,
    );
    expect(exact.body.items.map((item) => item.orderId)).toEqual([second.body.orderId]);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const before = await client.api<{ items: OrderSummary[] }>("GET", `/v3/orders?endOn=${yesterday}`);
    expect(before.body.items).toEqual([]);
    const unbounded = await client.api<{ items: OrderSummary[] }>("GET", "/v3/orders");
    expect(unbounded.body.items).toHaveLength(2);
    const bad = await client.api<CwsError>("GET", "/v3/orders?startFrom=14/07/2025");
    expect(bad.body).toMatchObject({ status: 400, code: 0 });
  });

  it("serves a text code through /v3/codes and answers 404/50002 for an unknown one", async () => {
    const client = await startTestSimulator();
    const created = await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }]);
    const code = created.body.products[0]?.codes[0];
    const read = await client.api<CwsCode>("GET", `/v3/codes/${code?.codeId}`);
    expect(read.body).toEqual(code);
    const missing = await client.api<CwsError>("GET", `/v3/codes/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ status: 404, code: 50002, message: "Code not found" });
  });

  it("draws the same keys from the same seed", async () => {
    const keysFrom = async () => {
      const client = await startTestSimulator({ seed: 7 });
      const created = await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 3 }]);
      return created.body.products[0]?.codes.map((code) => code.code);
    };
    const first = await keysFrom();
    expect(first).toHaveLength(3);
    expect(await keysFrom()).toEqual(first);
  });
});
