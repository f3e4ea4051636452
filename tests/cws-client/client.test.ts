import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  CwsAuthError,
  CwsError,
  CwsRateLimitError,
  CwsUnavailableError,
  cwsStatus,
  toAmount,
  unitPriceCents,
  type CwsClient,
} from "@/lib/cws";
import { CWS_PRODUCTS, createSandboxClient, startSandbox, type Sandbox } from "../support/cws-sandbox";
import { createTestDb, type TestDb } from "../support/test-db";

let sandbox: Sandbox;
let testDb: TestDb;
let client: CwsClient;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.control("reset", {});
  testDb = createTestDb();
  client = createSandboxClient(sandbox, testDb);
});
afterEach(async () => {
  await testDb.close();
});

async function orderFor(productId: string, quantity: number, extra: { allowPreOrder?: boolean } = {}) {
  const product = await client.getProduct(productId);
  const price = unitPriceCents(product.prices, quantity);
  if (price === null) throw new Error("no tier");
  return {
    allowPreOrder: extra.allowPreOrder ?? true,
    orderId: randomUUID(),
    products: [{ productId, quantity, price: toAmount(price) }],
  };
}

async function errorOf(promise: Promise<unknown>): Promise<CwsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CwsError) return error;
    throw error;
  }
  throw new Error("expected a CwsError");
}

describe("CWS client: tokens", () => {
  it("reuses one token across calls and across client instances", async () => {
    await client.getProduct(CWS_PRODUCTS.SKYOUT);
    await client.getAccount();
    await createSandboxClient(sandbox, testDb).getAccount();
    expect((await sandbox.state()).counters.tokensIssued).toBe(1);
  });

  it("fetches a new token once after invalid_token and repeats the call", async () => {
    await client.getAccount();
    await sandbox.control("expire-tokens");
    const account = await client.getAccount();
    expect(account.balanceCents).toBe(100000n);
    const state = await sandbox.state();
    expect(state.counters.tokensIssued).toBe(2);
    expect(state.counters.requests["GET /v3/accounts/current"]).toBe(3);
  });

  it("asks for the token once when many calls start together", async () => {
    await Promise.all(Array.from({ length: 6 }, () => client.getAccount()));
    expect((await sandbox.state()).counters.requests["POST /oauth/token"]).toBe(1);
  });

  it("keeps the token sealed in the database, never in clear", async () => {
    await client.getAccount();
    const row = await testDb.db.cwsToken.findFirstOrThrow();
    expect(Buffer.from(row.sealedToken).toString("utf8")).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("raises CwsAuthError for wrong credentials, without retrying", async () => {
    const wrong = createSandboxClient(sandbox, testDb, { clientSecret: "not-the-secret" });
    const error = await errorOf(wrong.getAccount());
    expect(error).toBeInstanceOf(CwsAuthError);
    expect(error.message).not.toContain("not-the-secret");
    expect((await sandbox.state()).counters.requests["POST /oauth/token"]).toBe(1);
  });
});

describe("CWS client: token lifetime", () => {
  let shortLived: Sandbox;
  beforeAll(async () => {
    shortLived = await startSandbox({ tokenTtlSeconds: 3 });
  });
  afterAll(async () => {
    await shortLived.close();
  });

  it("stops using a token in the last half of a short lifetime, takes CWS's reused token, then a new one", async () => {
    const shortClient = createSandboxClient(shortLived, testDb);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await shortClient.getAccount(); // token A, 3 s: used until 1.5 s before expiry
    await sleep(1600);
    await shortClient.getAccount(); // CWS hands back A with ~2 s left
    let state = await shortLived.state();
    expect(state.counters.requests["POST /oauth/token"]).toBe(2);
    expect(state.counters.tokensIssued).toBe(1);
    await sleep(1600);
    await shortClient.getAccount(); // A has expired at CWS: a new token
    state = await shortLived.state();
    expect(state.counters.tokensIssued).toBe(2);
    expect(state.counters.requests["GET /v3/accounts/current"]).toBe(3);
  });
});

describe("CWS client: reads", () => {
  it("reads one product with its unsorted tiers in cents", async () => {
    const product = await client.getProduct(CWS_PRODUCTS.TWTCO);
    expect(product).toMatchObject({ identifier: "TWTCO", quantity: 1000, platform: "Uplay" });
    expect(product.prices.map((tier) => tier.valueCents)).toEqual([111n, 11n, 41n]);
  });

  it("reports an unknown product as product_not_found", async () => {
    expect((await errorOf(client.getProduct(randomUUID()))).kind).toBe("product_not_found");
  });

  it("reads several products in one call and leaves unknown ids out", async () => {
    const products = await client.getProducts([CWS_PRODUCTS.SKYOUT, CWS_PRODUCTS.NEONDO, randomUUID()]);
    expect(products.map((product) => product.identifier).sort()).toEqual(["NEONDO", "SKYOUT"]);
    expect((await sandbox.state()).counters.requests["GET /v3/products"]).toBe(1);
  });

  it("follows continuation tokens to the end of the price list", async () => {
    const all = await client.listAllProducts();
    expect(all).toHaveLength(10);
  });

  it("retries a GET through 5xx answers", async () => {
    await sandbox.control("faults", {
      error5xx: { rate: 1, status: 503, routes: ["GET /v3/products/{productId}"], remaining: 2 },
    });
    expect((await client.getProduct(CWS_PRODUCTS.MISTVH)).identifier).toBe("MISTVH");
    expect((await sandbox.state()).counters.requests["GET /v3/products/{productId}"]).toBe(3);
  });

  it("waits for Retry-After on a 429 and then succeeds", async () => {
    await sandbox.control("faults", {
      error5xx: { rate: 1, status: 429, routes: ["GET /v3/accounts/current"], remaining: 1 },
    });
    const started = Date.now();
    await client.getAccount();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("gives up at once when Retry-After asks for more than the cap", async () => {
    const impatient = createSandboxClient(sandbox, testDb, { retryAfterCapSeconds: 0 });
    await sandbox.control("faults", {
      error5xx: { rate: 1, status: 429, routes: ["GET /v3/accounts/current"], remaining: 5 },
    });
    const error = await errorOf(impatient.getAccount());
    expect(error).toBeInstanceOf(CwsRateLimitError);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await sandbox.state()).counters.requests["GET /v3/accounts/current"]).toBe(1);
  });

  it("stops after the configured number of retries", async () => {
    await sandbox.control("faults", {
      error5xx: { rate: 1, status: 500, routes: ["GET /v3/accounts/current"], remaining: null },
    });
    const error = await errorOf(client.getAccount({ maxRetries: 2 }));
    expect(error).toBeInstanceOf(CwsUnavailableError);
    expect((await sandbox.state()).counters.requests["GET /v3/accounts/current"]).toBe(3);
  });

  it("makes exactly one attempt when asked to (the reservation path)", async () => {
    await sandbox.control("faults", {
      error5xx: { rate: 1, status: 500, routes: ["GET /v3/products/{productId}"], remaining: 1 },
    });
    await expect(client.getProduct(CWS_PRODUCTS.SKYOUT, { maxRetries: 0, timeoutMs: 2000 })).rejects.toBeInstanceOf(
      CwsUnavailableError,
    );
    expect((await sandbox.state()).counters.requests["GET /v3/products/{productId}"]).toBe(1);
  });

  it("times out a request that does not answer, then retries it", async () => {
    await sandbox.control("faults", {
      timeout: { rate: 1, holdMs: 2000, routes: ["GET /v3/accounts/current"], remaining: 1 },
    });
    const started = Date.now();
    await client.getAccount({ timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("reports a timeout as CWS unavailable when no retry is left", async () => {
    await sandbox.control("faults", { latency: { ms: 800, jitterMs: 0, routes: ["GET /v3/accounts/current"] } });
    await expect(client.getAccount({ timeoutMs: 200, maxRetries: 0 })).rejects.toBeInstanceOf(CwsUnavailableError);
  });
});

describe("CWS client: last known state", () => {
  it("remembers whether CWS answered, for the health endpoint, without extra calls", async () => {
    await client.getAccount();
    expect(cwsStatus().state).toBe("ok");
    const offline = createSandboxClient({ url: "http://127.0.0.1:9" }, testDb);
    await expect(offline.getAccount({ maxRetries: 0 })).rejects.toBeInstanceOf(CwsUnavailableError);
    expect(cwsStatus().state).toBe("failing");
    expect(cwsStatus().lastOkAt).not.toBeNull();
  });
});

describe("CWS client: buying", () => {
  it("buys instant text keys at the tier price for the quantity", async () => {
    const request = await orderFor(CWS_PRODUCTS.SKYOUT, 10);
    expect(request.products[0]?.price).toBe(12.09);
    const outcome = await client.placeOrder(request);
    expect(outcome.kind).toBe("created");
    if (outcome.kind !== "created") return;
    expect(outcome.order.clientOrderId).toBe(request.orderId);
    expect(outcome.order.status).toBe("Completed");
    expect(outcome.order.products[0]?.unitPriceCents).toBe(1209n);
    expect(outcome.order.products[0]?.codes).toHaveLength(10);
    expect(outcome.order.products[0]?.codes[0]?.codeType).toBe("CODE_TEXT");
    const again = await client.getOrder(outcome.order.orderId);
    expect(again.totalPriceCents).toBe(12090n);
  });

  it.each([
    ["balance too low", CWS_PRODUCTS.TPWHP, 1, "balance_too_low", "10002"],
    ["out of stock", CWS_PRODUCTS.PIXHAR, 4, "out_of_stock", "310003"],
  ] as const)("classifies %s as a refusal with its code", async (_name, productId, quantity, reason, code) => {
    const outcome = await client.placeOrder(await orderFor(productId, quantity));
    expect(outcome).toMatchObject({ kind: "refused", reason, cwsCode: code, httpStatus: 400 });
    expect((await sandbox.state()).orders).toHaveLength(0);
  });

  it("classifies an unknown product and a bad quantity as refusals", async () => {
    const unknown = await client.placeOrder({
      allowPreOrder: true,
      orderId: randomUUID(),
      products: [{ productId: randomUUID(), quantity: 1, price: 1 }],
    });
    expect(unknown).toMatchObject({ kind: "refused", reason: "product_not_found", cwsCode: "20001", httpStatus: 404 });
    const zero = await client.placeOrder({
      allowPreOrder: true,
      orderId: randomUUID(),
      products: [{ productId: CWS_PRODUCTS.SKYOUT, quantity: 0, price: 12.49 }],
    });
    expect(zero).toMatchObject({ kind: "refused", reason: "invalid_quantity", cwsCode: "40002" });
  });

  it("classifies a price below the current tier as a price change", async () => {
    const request = await orderFor(CWS_PRODUCTS.MISTVH, 1);
    await sandbox.control("products", { productId: CWS_PRODUCTS.MISTVH, prices: [{ value: 26.5, from: 1, to: null }] });
    expect(await client.placeOrder(request)).toMatchObject({ kind: "priceChanged", cwsCode: "30001", httpStatus: 400 });
  });

  it("does not resend a purchase that got a 5xx, and calls the outcome unknown", async () => {
    await sandbox.control("faults", { error5xx: { rate: 1, status: 502, routes: ["POST /v3/orders"], remaining: 1 } });
    const outcome = await client.placeOrder(await orderFor(CWS_PRODUCTS.SKYOUT, 1));
    expect(outcome).toMatchObject({ kind: "unknown", httpStatus: 502 });
    const state = await sandbox.state();
    expect(state.counters.requests["POST /v3/orders"]).toBe(1);
    expect(state.orders).toHaveLength(0);
  });

  it("returns a 429 on a purchase with its Retry-After instead of waiting", async () => {
    await sandbox.control("faults", { error5xx: { rate: 1, status: 429, routes: ["POST /v3/orders"], remaining: 1 } });
    const outcome = await client.placeOrder(await orderFor(CWS_PRODUCTS.SKYOUT, 1));
    expect(outcome.kind).toBe("rateLimited");
    if (outcome.kind === "rateLimited") expect(outcome.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await sandbox.state()).counters.requests["POST /v3/orders"]).toBe(1);
  });

  it("re-authenticates once for a purchase refused with invalid_token, and buys once", async () => {
    const request = await orderFor(CWS_PRODUCTS.SKYOUT, 1);
    await sandbox.control("expire-tokens");
    expect((await client.placeOrder(request)).kind).toBe("created");
    const state = await sandbox.state();
    expect(state.counters.requests["POST /v3/orders"]).toBe(2);
    expect(state.ordersByClientOrderId[request.orderId]).toHaveLength(1);
  });

  it("says not processed when no token can be had, so nothing can have been bought", async () => {
    const offline = createSandboxClient({ url: "http://127.0.0.1:9" }, testDb);
    const outcome = await offline.placeOrder({
      allowPreOrder: true,
      orderId: randomUUID(),
      products: [{ productId: CWS_PRODUCTS.SKYOUT, quantity: 1, price: 12.49 }],
    });
    expect(outcome.kind).toBe("notProcessed");
  });

  it.each([
    ["500", {}],
    ["drop", {}],
    ["hang", { holdMs: 1500 }],
  ] as const)("finds an order accepted then answered with %s through the order history", async (mode, extra) => {
    const request = await orderFor(CWS_PRODUCTS.SKYOUT, 2);
    await sandbox.control("faults", { acceptThenFail: { rate: 1, mode, remaining: 1, ...extra } });
    const outcome = await client.placeOrder(request, { timeoutMs: 500 });
    expect(outcome.kind).toBe("unknown");

    const found = await client.findOrderByClientOrderId(request.orderId, new Date());
    expect(found.matches).toHaveLength(1);
    expect(found.earliest?.clientOrderId).toBe(request.orderId);
    const order = await client.getOrder(found.earliest!.orderId);
    expect(order.products[0]?.codes).toHaveLength(2);

    const state = await sandbox.state();
    expect(state.ordersByClientOrderId[request.orderId]).toHaveLength(1);
    expect(state.counters.requests["POST /v3/orders"]).toBe(1);
  });

  it("finds nothing for an order id CWS never saw", async () => {
    await client.placeOrder(await orderFor(CWS_PRODUCTS.SKYOUT, 1));
    expect(await client.findOrderByClientOrderId(randomUUID(), new Date())).toEqual({ earliest: null, matches: [] });
  });

  it("reports an order looked up by our own id as not found", async () => {
    const request = await orderFor(CWS_PRODUCTS.SKYOUT, 1);
    await client.placeOrder(request);
    const error = await errorOf(client.getOrder(request.orderId));
    expect(error).toMatchObject({ kind: "not_found", cwsCode: "30018" });
  });
});

describe("CWS client: codes", () => {
  it("fetches image codes as base64 and decodes the PNG", async () => {
    const outcome = await client.placeOrder(await orderFor(CWS_PRODUCTS.TWICO, 2));
    if (outcome.kind !== "created") throw new Error(`expected created, got ${outcome.kind}`);
    const codes = outcome.order.products[0]?.codes ?? [];
    expect(codes.map((code) => [code.codeType, code.code])).toEqual([
      ["CODE_IMAGE", null],
      ["CODE_IMAGE", null],
    ]);
    const image = await client.fetchImageCode(codes[0]!.codeId);
    expect(image.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(image.filename).toMatch(/\.png$/);
  });

  it("sees pre-order codes become text codes with the same id once released", async () => {
    const outcome = await client.placeOrder(await orderFor(CWS_PRODUCTS.TPP, 1));
    if (outcome.kind !== "created") throw new Error(`expected created, got ${outcome.kind}`);
    expect(outcome.order.status).toBe("Fulfilling");
    const preorder = outcome.order.products[0]?.codes[0];
    expect(preorder).toMatchObject({ codeType: "CODE_PREORDER", code: null });

    await sandbox.control("release-preorders", {});
    const released = await client.getOrder(outcome.order.orderId);
    expect(released.status).toBe("Completed");
    expect(released.products[0]?.codes[0]).toMatchObject({ codeId: preorder?.codeId, codeType: "CODE_TEXT" });
    expect(released.products[0]?.codes[0]?.code).toMatch(/^TPP-/);
  });

  it("reports an unknown code as not found", async () => {
    expect((await errorOf(client.getCode(randomUUID()))).kind).toBe("not_found");
  });
});
