import { describe, expect, it } from "vitest";
import { elapsedMs } from "../support/sandbox-http";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  PRODUCT_IDS,
  sleep,
  startTestSimulator,
  type CwsError,
  type CwsOrder,
  type SimHttpClient,
} from "./support";

const PRODUCT_ROUTE = "GET /v3/products/{productId}";
const SIMULATED_500 = { status: 500, code: 0, message: "Simulated server error" };

async function setFaults(client: SimHttpClient, patch: unknown) {
  const result = await client.control<Record<string, unknown>>("POST", "/faults", patch);
  expect(result.status).toBe(200);
  return result.body;
}

const readProduct = (client: SimHttpClient) => client.api<CwsError>("GET", `/v3/products/${PRODUCT_IDS.SKYOUT}`);

describe("rate limits", () => {
  it("answers 429 with Retry-After once the window is full, per client", async () => {
    const client = await startTestSimulator({ clients: [{ id: "second", secret: "pw" }] });
    await setFaults(client, { rateLimit: { limits: { [PRODUCT_ROUTE]: { max: 1, windowSeconds: 60 } } } });
    expect((await readProduct(client)).status).toBe(200);
    const limited = await readProduct(client);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ status: 429, code: 0, message: "Too many requests" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(59);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await client.api("GET", "/v3/accounts/current")).status).toBe(200);

    const token = await client.tokenRequest({
      grant_type: "client_credentials",
      client_id: "second",
      client_secret: "pw",
    });
    const other = await client.request("GET", `/v3/products/${PRODUCT_IDS.SKYOUT}`, {
      headers: { Authorization: `Bearer ${String(token.body.access_token)}` },
    });
    expect(other.status).toBe(200);
    expect((await client.state()).counters.faultsApplied.rateLimit).toBe(1);
  });

  it("does not count requests answered with 429", async () => {
    const client = await startTestSimulator();
    await setFaults(client, { rateLimit: { limits: { [PRODUCT_ROUTE]: { max: 1, windowSeconds: 1 } } } });
    expect((await readProduct(client)).status).toBe(200);
    await sleep(600);
    expect((await readProduct(client)).status).toBe(429);
    await sleep(500);
    expect((await readProduct(client)).status).toBe(200);
  });

  it("limits the token endpoint per client_id presented, and can be switched off", async () => {
    const client = await startTestSimulator();
    await setFaults(client, { rateLimit: { limits: { "POST /oauth/token": { max: 1, windowSeconds: 300 } } } });
    const good = { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET };
    expect((await client.tokenRequest(good)).status).toBe(200);
    const limited = await client.tokenRequest(good);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("300");
    expect((await client.tokenRequest({ ...good, client_id: "someone-else" })).status).toBe(401);

    await setFaults(client, { rateLimit: { enabled: false } });
    expect((await client.tokenRequest(good)).status).toBe(200);
  });

  it("starts switched off with rateLimits: false", async () => {
    const client = await startTestSimulator({ rateLimits: false });
    await setFaults(client, { rateLimit: { limits: { [PRODUCT_ROUTE]: { max: 1, windowSeconds: 60 } } } });
    expect((await readProduct(client)).status).toBe(200);
    expect((await readProduct(client)).status).toBe(200);
  });
});

describe("fault injection", () => {
  it("latency delays the matching routes only", async () => {
    const client = await startTestSimulator();
    await client.token();
    await setFaults(client, { latency: { ms: 150, routes: ["GET /v3/accounts/current"] } });
    expect(await elapsedMs(() => client.api("GET", "/v3/accounts/current"))).toBeGreaterThanOrEqual(145);
    expect(await elapsedMs(() => readProduct(client))).toBeLessThan(140);
    expect((await client.state()).recentRequests.at(-2)?.fault).toBe("latency");
  });

  it("error5xx answers the next matching request and stops when remaining reaches 0", async () => {
    const client = await startTestSimulator();
    await client.token();
    await setFaults(client, { error5xx: { rate: 1, status: 503, routes: [PRODUCT_ROUTE], remaining: 1 } });
    expect((await client.api("GET", "/v3/accounts/current")).status).toBe(200);
    const failed = await readProduct(client);
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ status: 503, code: 0, message: "Simulated server error" });
    expect((await readProduct(client)).status).toBe(200);
    const state = await client.state();
    expect(state.faults).toMatchObject({ error5xx: { remaining: 0 } });
    expect(state.counters.faultsApplied).toEqual({ error5xx: 1 });
    expect(state.recentRequests.map((entry) => entry.fault)).toContain("error5xx:503");
  });

  it("error5xx with status 429 is a 429 storm with Retry-After, even before authentication", async () => {
    const client = await startTestSimulator();
    await setFaults(client, { error5xx: { rate: 1, status: 429, retryAfterSeconds: 3 } });
    const result = await client.request<CwsError>("GET", "/v3/accounts/current");
    expect(result.status).toBe(429);
    expect(result.headers.get("retry-after")).toBe("3");
    expect(result.body).toEqual({ status: 429, code: 0, message: "Simulated server error" });
  });

  it("timeout holds the connection, then drops it without creating the order", async () => {
    const client = await startTestSimulator();
    await client.token();
    await setFaults(client, { timeout: { rate: 1, holdMs: 150, routes: ["POST /v3/orders"], remaining: 1 } });
    const orderId = crypto.randomUUID();
    const started = performance.now();
    await expect(client.order([{ productId: PRODUCT_IDS.SKYOUT, quantity: 1 }], { orderId })).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    let state = await client.state();
    expect(state.orders).toEqual([]);
    expect(state.account.currentBalance).toBe(1000);
    expect(state.recentRequests.at(-1)).toMatchObject({ path: "/v3/orders", status: null, fault: "timeout" });

    expect((await client.order([{ productId: PRODUCT_IDS.SKYOUT, quantity: 1 }], { orderId })).status).toBe(200);
    state = await client.state();
    expect(state.ordersByClientOrderId[orderId]).toHaveLength(1);
    expect(state.counters.requests["POST /v3/orders"]).toBe(2);
  });

  it("acceptThenFail 500 keeps the order and the charge, and history finds it", async () => {
    const client = await startTestSimulator();
    await client.token();
    await setFaults(client, { acceptThenFail: { rate: 1, mode: "500", remaining: 1 } });
    const orderId = crypto.randomUUID();
    const result = await client.order([{ productId: PRODUCT_IDS.SKYOUT, quantity: 2 }], { orderId });
    expect(result.status).toBe(500);
    expect(result.body).toEqual(SIMULATED_500);
    const state = await client.state();
    expect(state.ordersByClientOrderId[orderId]).toHaveLength(1);
    expect(state.orders[0]).toMatchObject({ httpOutcome: "acceptThenFail:500", status: "Completed" });
    expect(state.account.currentBalance).toBe(975.02);
    expect(state.counters.requests["POST /v3/orders"]).toBe(1);
    expect(state.counters.faultsApplied).toEqual({ acceptThenFail: 1 });
    const history = await client.api<{ items: CwsOrder[] }>("GET", "/v3/orders");
    expect(history.body.items.map((item) => item.clientOrderId)).toEqual([orderId]);
    expect((await client.order([{ productId: PRODUCT_IDS.SKYOUT, quantity: 1 }])).status).toBe(200);
  });

  it.each([
    ["drop", 0],
    ["hang", 150],
  ])("acceptThenFail %s closes the connection without an answer after the order is made", async (mode, holdMs) => {
    const client = await startTestSimulator();
    await client.token();
    await setFaults(client, { acceptThenFail: { rate: 1, mode, holdMs, remaining: 1 } });
    const orderId = crypto.randomUUID();
    const started = performance.now();
    await expect(client.order([{ productId: PRODUCT_IDS.TWTCO, quantity: 1 }], { orderId })).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(holdMs * 0.9);
    const state = await client.state();
    expect(state.ordersByClientOrderId[orderId]).toHaveLength(1);
    expect(state.orders[0]?.httpOutcome).toBe(`acceptThenFail:${mode}`);
    expect(state.account.currentBalance).toBe(998.89);
    expect(state.recentRequests.at(-1)).toMatchObject({ status: null, fault: `acceptThenFail:${mode}` });
  });

  it("does not apply acceptThenFail to refused orders", async () => {
    const client = await startTestSimulator();
    await setFaults(client, { acceptThenFail: { rate: 1, remaining: 1 } });
    expect((await client.order([{ productId: PRODUCT_IDS.STARCA, quantity: 1 }])).body.code).toBe(310003);
    expect((await client.state()).faults).toMatchObject({ acceptThenFail: { remaining: 1 } });
  });

  it("never faults or rate-limits the control API", async () => {
    const client = await startTestSimulator();
    await client.token();
    await setFaults(client, { error5xx: { rate: 1 }, latency: { ms: 300 } });
    expect(await elapsedMs(() => client.control("GET", "/state"))).toBeLessThan(250);
    expect((await client.control("GET", "/faults")).status).toBe(200);
    expect((await readProduct(client)).status).toBe(500);
  });

  it("samples with the seeded generator: the same seed gives the same pattern", async () => {
    const client = await startTestSimulator();
    await client.token();
    const pattern = async () => {
      await setFaults(client, { seed: 99, error5xx: { rate: 0.5, routes: [PRODUCT_ROUTE] } });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await readProduct(client)).status);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });
});

describe("fault configuration", () => {
  it("deep-merges objects and replaces arrays and scalars", async () => {
    const client = await startTestSimulator();
    const merged = await setFaults(client, {
      latency: { routes: ["GET /v3/orders"] },
      error5xx: { rate: 0.25 },
      rateLimit: { limits: { "GET /v3/orders": { max: 5, windowSeconds: 10 }, "POST /oauth/token": null } },
    });
    expect(merged).toEqual({
      seed: null,
      latency: { ms: 0, jitterMs: 0, routes: ["GET /v3/orders"] },
      error5xx: { rate: 0.25, status: 500, routes: ["*"], remaining: null, retryAfterSeconds: 1 },
      timeout: { rate: 0, holdMs: 15000, routes: ["*"], remaining: null },
      acceptThenFail: { rate: 0, mode: "500", holdMs: 15000, remaining: null },
      rateLimit: {
        enabled: true,
        limits: {
          "GET /v3/products": { max: 400, windowSeconds: 600 },
          [PRODUCT_ROUTE]: { max: 600, windowSeconds: 300 },
          "GET /v3/orders": { max: 5, windowSeconds: 10 },
        },
      },
    });
    expect((await client.control("GET", "/faults")).body).toEqual(merged);
  });

  it.each([
    ["an unknown route key", { error5xx: { routes: ["GET /v3/product/{id}"] } }],
    ["a rate above 1", { timeout: { rate: 2 } }],
    ["an unknown mode", { acceptThenFail: { mode: "explode" } }],
    ["an unknown setting", { latncy: { ms: 5 } }],
    ["a body that is not an object", [1, 2]],
  ])("refuses %s with 400 and changes nothing", async (_case, patch) => {
    const client = await startTestSimulator();
    const before = (await client.control("GET", "/faults")).body;
    const result = await client.control<{ error: string }>("POST", "/faults", patch);
    expect(result.status).toBe(400);
    expect(result.body.error).toEqual(expect.any(String));
    expect((await client.control("GET", "/faults")).body).toEqual(before);
  });
});
