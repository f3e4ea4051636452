import { describe, expect, it } from "vitest";
import {
  PLACEHOLDER_PNG_BASE64,
  PRODUCT_IDS,
  sleep,
  startTestSimulator,
  type CwsCode,
  type CwsError,
  type CwsOrder,
} from "./support";

describe("fulfilment modes", () => {
  it("delayed: Fulfilling with no codes, codes 404/50002 until the delay has passed, then Completed", async () => {
    const client = await startTestSimulator();
    await client.control("POST", "/products", { productId: PRODUCT_IDS.NEONDO, sim: { delaySeconds: 1 } });
    const created = await client.order([{ productId: PRODUCT_IDS.NEONDO, quantity: 2, price: 4.19 }]);
    expect(created.body).toMatchObject({ status: "Fulfilling", totalPrice: 8.38 });
    expect(created.body.products[0]?.codes).toEqual([]);

    const [stateOrder] = (await client.state()).orders;
    expect(stateOrder?.lines[0]?.delivered).toBe(false);
    const pendingCodeId = stateOrder?.lines[0]?.codes[0]?.codeId;
    const early = await client.api<CwsError>("GET", `/v3/codes/${pendingCodeId}`);
    expect(early.status).toBe(404);
    expect(early.body.code).toBe(50002);
    const history = await client.api<{ items: CwsOrder[] }>("GET", "/v3/orders");
    expect(history.body.items[0]?.status).toBe("Fulfilling");

    await sleep(1100);
    const later = await client.api<CwsOrder>("GET", `/v3/orders/${created.body.orderId}`);
    expect(later.body.status).toBe("Completed");
    expect(later.body.products[0]?.codes.map((code) => code.codeId)).toEqual(
      stateOrder?.lines[0]?.codes.map((code) => code.codeId),
    );
    expect(later.body.products[0]?.codes[0]?.code).toMatch(/^NEONDO-/);
    expect((await client.api("GET", `/v3/codes/${pendingCodeId}`)).status).toBe(200);
  });

  it("image: CODE_IMAGE with a null code and <codeId>.png in the order, base64 PNG from /v3/codes", async () => {
    const client = await startTestSimulator();
    const created = await client.order([{ productId: PRODUCT_IDS.TWICO, quantity: 1 }]);
    expect(created.body.status).toBe("Completed");
    const code = created.body.products[0]?.codes[0];
    expect(code).toMatchObject({
      codeType: "CODE_IMAGE",
      status: "Image code",
      code: null,
      filename: `${code?.codeId}.png`,
    });
    const read = await client.api<CwsCode>("GET", `/v3/codes/${code?.codeId}`);
    expect(read.body).toMatchObject({ codeType: "CODE_IMAGE", codeId: code?.codeId, code: PLACEHOLDER_PNG_BASE64 });
    const bytes = Buffer.from(read.body.code ?? "", "base64");
    expect(bytes).toHaveLength(70);
    expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  });

  it("preorder: Fulfilling with CODE_PREORDER until released; the release keeps each codeId", async () => {
    const client = await startTestSimulator();
    const clientOrderId = crypto.randomUUID();
    const created = await client.order([{ productId: PRODUCT_IDS.TPP, quantity: 2 }], { orderId: clientOrderId });
    expect(created.status).toBe(200);
    expect(created.body.status).toBe("Fulfilling");
    const codes = created.body.products[0]?.codes ?? [];
    expect(codes.map((code) => [code.codeType, code.status, code.code, code.filename])).toEqual([
      ["CODE_PREORDER", "Pre-ordered code", null, ""],
      ["CODE_PREORDER", "Pre-ordered code", null, ""],
    ]);
    const pending = await client.api<CwsCode>("GET", `/v3/codes/${codes[0]?.codeId}`);
    expect(pending.body).toMatchObject({ codeType: "CODE_PREORDER", code: null });

    const other = await client.order([{ productId: PRODUCT_IDS.TPP, quantity: 1 }]);
    const release = await client.control<{ released: number; orderIds: string[] }>("POST", "/release-preorders", {
      orderId: clientOrderId,
    });
    expect(release.body).toEqual({ released: 2, orderIds: [created.body.orderId] });

    const read = await client.api<CwsOrder>("GET", `/v3/orders/${created.body.orderId}`);
    expect(read.body.status).toBe("Completed");
    const released = read.body.products[0]?.codes ?? [];
    expect(released.map((code) => code.codeId)).toEqual(codes.map((code) => code.codeId));
    for (const code of released)
      expect(code).toMatchObject({
        codeType: "CODE_TEXT",
        code: expect.stringMatching(/^TPP-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/),
      });
    expect((await client.api<CwsOrder>("GET", `/v3/orders/${other.body.orderId}`)).body.status).toBe("Fulfilling");

    const rest = await client.control<{ released: number; orderIds: string[] }>("POST", "/release-preorders");
    expect(rest.body).toEqual({ released: 1, orderIds: [other.body.orderId] });
  });

  it("changing a product's mode affects only new orders", async () => {
    const client = await startTestSimulator();
    const before = await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }]);
    await client.control("POST", "/products", {
      productId: PRODUCT_IDS.TWTCO,
      sim: { mode: "delayed", delaySeconds: 60 },
    });
    const after = await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }]);
    expect(after.body.status).toBe("Fulfilling");
    expect((await client.api<CwsOrder>("GET", `/v3/orders/${before.body.orderId}`)).body.status).toBe("Completed");
  });
});

describe("forced status", () => {
  it("overrides the computed status from then on and refunds once", async () => {
    const client = await startTestSimulator();
    await client.control("POST", "/products", { productId: PRODUCT_IDS.FROSTSP, sim: { delaySeconds: 1 } });
    const clientOrderId = crypto.randomUUID();
    const created = await client.order([{ productId: PRODUCT_IDS.FROSTSP, quantity: 2 }], { orderId: clientOrderId });
    expect((await client.state()).account.currentBalance).toBe(980.1);

    const forced = await client.control<CwsOrder>("POST", `/orders/${clientOrderId}/status`, {
      status: "Cancelled",
      refund: true,
    });
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ orderId: created.body.orderId, status: "Cancelled" });
    await client.control("POST", `/orders/${created.body.orderId}/status`, { status: "Cancelled", refund: true });
    const state = await client.state();
    expect(state.account.currentBalance).toBe(1000);
    expect(state.orders[0]).toMatchObject({ status: "Cancelled", refunded: true });

    await sleep(1100);
    expect((await client.api<CwsOrder>("GET", `/v3/orders/${created.body.orderId}`)).body.status).toBe("Cancelled");
  });

  it("answers 400 for a clientOrderId shared by several orders and 404 for an unknown id", async () => {
    const client = await startTestSimulator();
    const clientOrderId = crypto.randomUUID();
    await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }], { orderId: clientOrderId });
    await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }], { orderId: clientOrderId });
    const shared = await client.control<{ error: string }>("POST", `/orders/${clientOrderId}/status`, {
      status: "Failed",
    });
    expect(shared.status).toBe(400);
    expect(shared.body.error).toEqual(expect.any(String));
    const unknown = await client.control<{ error: string }>("POST", `/orders/${crypto.randomUUID()}/status`, {
      status: "Failed",
    });
    expect(unknown.status).toBe(404);
  });
});
