import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startSimulator } from "@/tools/cws-sandbox/server";
import { rawControlCall } from "../support/sandbox-http";
import {
  PRODUCT_IDS,
  startTestSimulator,
  type CwsAccount,
  type CwsOrder,
  type CwsProduct,
  type SimHttpClient,
} from "./support";

function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cws-sim-"));
}

const NEW_PRODUCT = {
  productId: "0f6b2c61-3d4e-4a5b-9c7d-8e9f0a1b2c3d",
  identifier: "NEWGAME",
  name: "A New Game",
  platform: "Steam",
  regions: ["EU"],
  languages: ["en"],
  quantity: 5,
  prices: [{ value: 3.5, from: 1, to: null }],
};

async function postProducts(client: SimHttpClient, body: unknown) {
  return client.control<{ products: Array<Record<string, unknown>>; error?: string }>("POST", "/products", body);
}

describe("GET /__sim/state", () => {
  it("describes orders, products, counters and recent requests", async () => {
    const client = await startTestSimulator();
    const orderId = crypto.randomUUID();
    const created = await client.order([{ productId: PRODUCT_IDS.SKYOUT, quantity: 2 }], { orderId });
    await client.api("GET", `/v3/products/${PRODUCT_IDS.SKYOUT}`);
    await client.api("GET", `/v3/orders/${created.body.orderId}`);
    const state = await client.state();

    expect(Date.parse(state.now)).toBeGreaterThan(0);
    expect(state.account).toEqual({ currentBalance: 975.02, currentCredit: 0, totalToUse: 975.02 });
    expect(state.ordersByClientOrderId).toEqual({ [orderId]: [created.body.orderId] });
    expect(state.orders).toHaveLength(1);
    expect(state.orders[0]).toMatchObject({
      orderId: created.body.orderId,
      clientOrderId: orderId,
      identifier: "TOGENERATE-100001",
      status: "Completed",
      totalPrice: 24.98,
      createdOn: created.body.createdOn,
      allowPreOrder: true,
      httpOutcome: "200",
    });
    expect(state.orders[0]?.lines[0]).toMatchObject({ productId: PRODUCT_IDS.SKYOUT, quantity: 2, unitPrice: 12.49 });
    expect(state.orders[0]?.lines[0]?.codes.map((code) => code.code)).toEqual(
      created.body.products[0]?.codes.map((code) => code.code),
    );
    const skyout = state.products.find((product) => product.productId === PRODUCT_IDS.SKYOUT);
    expect(skyout).toMatchObject({ identifier: "SKYOUT", quantity: 248, hidden: false, mode: "instant" });
    expect(skyout?.prices[0]).toEqual({ value: 11.79, from: 50, to: null });
    expect(state.counters).toEqual({
      tokensIssued: 1,
      ordersCreated: 1,
      requests: {
        "POST /oauth/token": 1,
        "POST /v3/orders": 1,
        "GET /v3/products/{productId}": 1,
        "GET /v3/orders/{orderId}": 1,
      },
      faultsApplied: {},
    });
    expect(state.recentRequests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      "POST /oauth/token 200",
      "POST /v3/orders 200",
      `GET /v3/products/${PRODUCT_IDS.SKYOUT} 200`,
      `GET /v3/orders/${created.body.orderId} 200`,
    ]);
  });

  it("keeps the last 500 requests", async () => {
    const client = await startTestSimulator({ rateLimits: false });
    for (let i = 0; i < 502; i++) await client.request("GET", `/v3/unknown-${i}`);
    const state = await client.state();
    expect(state.recentRequests).toHaveLength(500);
    expect(state.recentRequests[0]?.path).toBe("/v3/unknown-2");
  });
});

describe("POST /__sim/reset", () => {
  it("restores the starting state, with optional balance and credit", async () => {
    const client = await startTestSimulator();
    const token = await client.token();
    await client.order([{ productId: PRODUCT_IDS.PIXHAR, quantity: 3 }]);
    await client.control("POST", "/faults", { latency: { ms: 1 } });
    await client.control("POST", "/products", NEW_PRODUCT);

    expect((await client.control("POST", "/reset", { balance: 50, credit: 5.5 })).status).toBe(204);
    const state = await client.state();
    expect(state.orders).toEqual([]);
    expect(state.account).toEqual({ currentBalance: 50, currentCredit: 5.5, totalToUse: 55.5 });
    expect(state.counters).toEqual({ tokensIssued: 0, ordersCreated: 0, requests: {}, faultsApplied: {} });
    expect(state.recentRequests).toEqual([]);
    expect(state.faults).toMatchObject({ latency: { ms: 0 } });
    expect(state.products.map((product) => product.identifier)).not.toContain("NEWGAME");
    expect(state.products.find((product) => product.identifier === "PIXHAR")?.quantity).toBe(3);

    const old = await client.request<Record<string, unknown>>("GET", "/v3/accounts/current", {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(old.body.error).toBe("invalid_token");
    await client.token();
    expect((await client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }])).body.identifier).toBe(
      "TOGENERATE-100001",
    );

    await client.control("POST", "/reset");
    expect((await client.state()).account.currentBalance).toBe(1000);
  });

  it("loads another catalogue, and refuses an invalid one without changing anything", async () => {
    const client = await startTestSimulator();
    const dir = temporaryDirectory();
    const good = path.join(dir, "one.json");
    fs.writeFileSync(good, JSON.stringify({ products: [{ ...NEW_PRODUCT, sim: { mode: "image" } }] }));
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ products: [{ ...NEW_PRODUCT, quantity: -1 }] }));
    try {
      expect((await client.control("POST", "/reset", { catalogue: good })).status).toBe(204);
      expect((await client.state()).products.map((product) => [product.identifier, product.mode])).toEqual([
        ["NEWGAME", "image"],
      ]);
      const refused = await client.control<{ error: string }>("POST", "/reset", { catalogue: bad, balance: 1 });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toContain("products[0].quantity");
      const state = await client.state();
      expect(state.products).toHaveLength(1);
      expect(state.account.currentBalance).toBe(1000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("POST /__sim/products", () => {
  it("patches the given fields of a product and marks it updated", async () => {
    const client = await startTestSimulator();
    const before = await client.state();
    const result = await postProducts(client, {
      productId: PRODUCT_IDS.NEONDO,
      quantity: 7,
      prices: [{ value: 4.5, from: 1, to: 0 }],
    });
    expect(result.status).toBe(200);
    expect(result.body.products).toEqual([
      expect.objectContaining({
        productId: PRODUCT_IDS.NEONDO,
        identifier: "NEONDO",
        quantity: 7,
        prices: [{ value: 4.5, from: 1, to: 0 }],
        sim: expect.objectContaining({ mode: "delayed", delaySeconds: 8, hidden: false }),
      }),
    ]);
    const product = await client.api<CwsProduct>("GET", `/v3/products/${PRODUCT_IDS.NEONDO}`);
    expect(product.body).toMatchObject({ quantity: 7, prices: [{ value: 4.5, from: 1, to: 0 }] });
    const updatedBefore = before.products.find((entry) => entry.productId === PRODUCT_IDS.NEONDO)?.updatedAt ?? "";
    const updatedAfter =
      (await client.state()).products.find((entry) => entry.productId === PRODUCT_IDS.NEONDO)?.updatedAt ?? "";
    expect(Date.parse(updatedAfter)).toBeGreaterThanOrEqual(Date.parse(updatedBefore));
  });

  it("creates a product whose patch has every required field", async () => {
    const client = await startTestSimulator();
    const result = await postProducts(client, [NEW_PRODUCT]);
    expect(result.status).toBe(200);
    const product = await client.api<CwsProduct>("GET", `/v3/products/${NEW_PRODUCT.productId}`);
    expect(product.body).toMatchObject({ identifier: "NEWGAME", quantity: 5, releaseDate: null, badges: [] });
    const order = await client.order([{ productId: NEW_PRODUCT.productId, quantity: 2 }]);
    expect(order.body).toMatchObject({ status: "Completed", totalPrice: 7 });
  });

  it("answers 404 for an unknown product without every required field, and 400 for a bad field, changing nothing", async () => {
    const client = await startTestSimulator();
    const unknown = await postProducts(client, { productId: crypto.randomUUID(), quantity: 3 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual(expect.any(String));
    const bad = await postProducts(client, [
      { productId: PRODUCT_IDS.TWTCO, quantity: 1 },
      { productId: PRODUCT_IDS.SKYOUT, prices: [{ value: 1.234, from: 1, to: null }] },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("[1].prices");
    expect((await client.api<CwsProduct>("GET", `/v3/products/${PRODUCT_IDS.TWTCO}`)).body.quantity).toBe(1000);
  });
});

describe("other control calls", () => {
  it("sets the account values", async () => {
    const client = await startTestSimulator();
    const result = await client.control<CwsAccount>("POST", "/account", { currentBalance: 1, currentCredit: 2.5 });
    expect(result.body).toMatchObject({ currentBalance: 1, currentCredit: 2.5, totalToUse: 3.5 });
    expect((await client.api<CwsAccount>("GET", "/v3/accounts/current")).body.totalToUse).toBe(3.5);
    expect((await client.control("POST", "/account", { currentBalance: 1.001 })).status).toBe(400);
  });

  it("answers control errors as {error}", async () => {
    const client = await startTestSimulator();
    const unknown = await client.control<{ error: string }>("GET", "/nothing");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: "No handler for GET /__sim/nothing" });
    const malformed = await client.request<{ error: string }>("POST", "/__sim/account", {
      rawBody: "{oops",
      headers: { "Content-Type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ error: "Malformed JSON" });
  });

  it("refuses to start with an invalid catalogue, naming the problem", async () => {
    const dir = temporaryDirectory();
    const file = path.join(dir, "catalogue.json");
    fs.writeFileSync(file, JSON.stringify({ products: [{ productId: "not-a-uuid" }] }));
    try {
      await expect(startSimulator({ port: 0, catalogue: file })).rejects.toThrow(/productId must be a UUID/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("state file", () => {
  it("keeps orders, codes, stock, balance, identifier counter and tokens across a restart", async () => {
    const dir = temporaryDirectory();
    const stateFile = path.join(dir, "nested", "cws-sim.json");
    try {
      const first = await startTestSimulator({ stateFile });
      const token = await first.token();
      const created = await first.order([{ productId: PRODUCT_IDS.PIXHAR, quantity: 2 }]);
      await first.control("POST", "/account", { currentCredit: 10 });
      await first.simulator.close();
      expect(fs.readdirSync(path.dirname(stateFile))).toEqual(["cws-sim.json"]);

      const second = await startTestSimulator({ stateFile });
      const authorization = { headers: { Authorization: `Bearer ${token}` } };
      const read = await second.request<CwsOrder>("GET", `/v3/orders/${created.body.orderId}`, authorization);
      expect(read.status).toBe(200);
      expect(read.body.products[0]?.codes.map((code) => code.code)).toEqual(
        created.body.products[0]?.codes.map((code) => code.code),
      );
      const account = await second.request<CwsAccount>("GET", "/v3/accounts/current", authorization);
      expect(account.body).toMatchObject({ currentBalance: 995.3, currentCredit: 10 });
      const product = await second.request<CwsProduct>("GET", `/v3/products/${PRODUCT_IDS.PIXHAR}`, authorization);
      expect(product.body.quantity).toBe(1);
      const next = await second.request<CwsOrder>("POST", "/v3/orders", {
        ...authorization,
        body: { products: [{ productId: PRODUCT_IDS.PIXHAR, quantity: 1 }] },
      });
      expect(next.body.identifier).toBe("TOGENERATE-100002");
      const codeKeys = [...(created.body.products[0]?.codes ?? []), ...(next.body.products[0]?.codes ?? [])].map(
        (code) => code.code,
      );
      expect(new Set(codeKeys).size).toBe(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("who may use the control API", () => {
  it("answers only requests addressed to a loopback name, from no other site's page, with JSON bodies", async () => {
    const client = await startTestSimulator();
    const call = (path: string, headers: Record<string, string>, body?: string) =>
      rawControlCall(client.url, path, headers, body);

    // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 still sends its own Host.
    expect(await call("/state", { Host: "evil.example:4010" })).toEqual({
      status: 403,
      body: { error: expect.stringContaining("127.0.0.1 or localhost") },
    });
    expect(
      await call(
        "/account",
        { Origin: "https://evil.example", "Content-Type": "application/json" },
        '{"currentBalance":1}',
      ),
    ).toMatchObject({ status: 403 });
    expect(await call("/account", { "Content-Type": "text/plain" }, '{"currentBalance":1}')).toMatchObject({
      status: 415,
      body: { error: expect.stringContaining("JSON") },
    });
    expect(
      await call("/account", { "Content-Type": "application/x-www-form-urlencoded" }, '{"currentBalance":1}'),
    ).toMatchObject({ status: 415 });
    expect((await client.state()).account.currentBalance).not.toBe(1);

    for (const host of ["127.0.0.1", "localhost", "[::1]"])
      expect((await call("/state", { Host: `${host}:4010` })).status).toBe(200);
    expect(
      (
        await call(
          "/account",
          { Origin: "http://localhost:3000", "Content-Type": "application/json; charset=utf-8" },
          '{"currentBalance":1}',
        )
      ).status,
    ).toBe(200);
    expect((await client.state()).account.currentBalance).toBe(1);
  });
});
