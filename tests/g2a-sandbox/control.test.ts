import { describe, expect, it } from "vitest";
import { startG2aSandbox } from "@/tools/g2a-sandbox/server";
import { rawControlCall } from "../support/sandbox-http";
import { CLIENT, manyProducts, PRODUCTS, startTestSandbox } from "./support";

describe("GET /__sim/state", () => {
  it("shows settings, products, offers, jobs with their polls, token requests, price changes and requests", async () => {
    const client = await startTestSandbox();
    const offerId = await client.createdOfferId(PRODUCTS.SKYOUT, "15.00");
    await client.completedJob((await client.updateOffer(offerId, { price: { retail: "14.00" } })).body.data.jobId);
    const state = await client.state();

    expect(state.settings).toMatchObject({ tokenTtlSeconds: 3600, jobDelayMs: 30, updateMode: "job" });
    expect(state.products.find((product) => product.id === PRODUCTS.SKYOUT)).toEqual({
      id: PRODUCTS.SKYOUT,
      name: "Skyforge Outlaws (PC) - Steam Key - GLOBAL",
      priceLimit: { min: 6.5, max: 80 },
    });
    expect(state.offers).toEqual([
      expect.objectContaining({
        id: offerId,
        price: "14.00",
        hidden: false,
        archived: false,
        auctionId: expect.any(Number),
      }),
    ]);
    expect(state.jobs.map((job) => [job.kind, job.status, job.polls > 0])).toEqual([
      ["create", "complete", true],
      ["update", "complete", true],
    ]);
    expect(state.tokenRequests).toBe(1);
    expect(state.liveTokens).toBe(1);
    expect(state.priceChanges).toEqual({ [PRODUCTS.SKYOUT]: 1 });
    expect(state.requests[0]).toEqual({
      at: expect.any(String),
      method: "POST",
      path: "/oauth/token",
      status: 200,
      ms: expect.any(Number),
      fault: null,
    });
    expect(state.requests.map((entry) => entry.method)).toContain("PATCH");
    expect(state.requests.some((entry) => entry.path.startsWith("/__sim"))).toBe(false);
  });

  it("keeps the last 500 requests", async () => {
    const client = await startTestSandbox();
    for (let i = 0; i < 502; i++) await client.request("GET", `/v3/unknown-${i}`);
    const state = await client.state();
    expect(state.requests).toHaveLength(500);
    expect(state.requests[0]?.path).toBe("/v3/unknown-2");
  });

  it("never shows client secrets", async () => {
    const client = await startTestSandbox();
    await client.settings({
      merchant: { baseUrl: "http://127.0.0.1:1", clientId: "g2a", clientSecret: "merchant-secret" },
    });
    const text = (await client.control("GET", "/state")).text;
    expect(text).not.toContain(CLIENT.clientSecret);
    expect(text).not.toContain("merchant-secret");
    expect((await client.state()).settings.clients).toEqual([{ clientId: CLIENT.clientId, clientSecret: "(hidden)" }]);
  });
});

describe("POST /__sim/settings", () => {
  it("merges a partial update and answers the full settings", async () => {
    const client = await startTestSandbox();
    const settings = await client.settings({ updateMode: "spec", feeModel: { retail: { rate: 0.2 } } });
    expect(settings).toMatchObject({
      updateMode: "spec",
      priceLimitMode: "job",
      feeModel: { retail: { rate: 0.2, fixed: 0 }, business: { rate: 0.08, fixed: 0 } },
    });
  });

  it("refuses unknown keys and invalid values, changing nothing", async () => {
    const client = await startTestSandbox();
    for (const patch of [
      { colour: "red" },
      { updateMode: "sometimes" },
      { rateLimit: { mode: "bucket", perMinute: 3 } },
      { jobCompleteAfterPolls: 0 },
      { feeModel: { retail: { rate: 2 } } },
      { feeModel: { buyerMarkup: { ALL: null } } },
      { competitorPaths: ["elsewhere"] },
      { clients: [] },
      { merchant: { baseUrl: "ftp://x", clientId: "a", clientSecret: "b" } },
    ]) {
      const result = await client.control<{ error: string }>("POST", "/settings", patch);
      expect(result.status, JSON.stringify(patch)).toBe(400);
      expect(result.body.error).toEqual(expect.any(String));
    }
    expect((await client.state()).settings).toMatchObject({ updateMode: "job", jobCompleteAfterPolls: null });
  });

  it("replaces the accepted clients", async () => {
    const client = await startTestSandbox();
    await client.settings({ clients: [{ clientId: "other", clientSecret: "other-secret" }] });
    const old = { grant_type: "client_credentials", client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret };
    expect((await client.tokenRequest(old)).status).toBe(401);
    expect((await client.tokenRequest({ ...old, client_id: "other", client_secret: "other-secret" })).status).toBe(200);
  });

  it("sets the lifetime of new tokens", async () => {
    const client = await startTestSandbox();
    await client.settings({ tokenTtlSeconds: 60 });
    const result = await client.tokenRequest({
      grant_type: "client_credentials",
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    expect(result.body.expires_in).toBe(60);
  });
});

describe("POST /__sim/reset", () => {
  it("returns to the catalogue and default settings, with no offers, jobs, tokens, faults or log", async () => {
    const client = await startTestSandbox();
    const token = await client.token();
    await client.createdOfferId(PRODUCTS.SKYOUT);
    await client.control("POST", "/products", { products: manyProducts(1) });
    await client.settings({ updateMode: "spec" });
    await client.faults([{ route: "*", status: 500, count: -1 }]);
    await client.control("POST", "/jobs/next", { outcome: "never" });

    expect((await client.control("POST", "/reset")).status).toBe(204);
    const state = await client.state();
    expect(state.offers).toEqual([]);
    expect(state.jobs).toEqual([]);
    expect(state.faults).toEqual([]);
    expect(state.nextJob).toBeNull();
    expect(state.requests).toEqual([]);
    expect(state.tokenRequests).toBe(0);
    expect(state.priceChanges).toEqual({});
    expect(state.settings.updateMode).toBe("job");
    expect(state.products.map((product) => product.id)).not.toContain(manyProducts(1)[0]?.id);
    expect(state.products).toHaveLength(14);
    const old = await client.request("GET", "/v3/sales/offers", { headers: { Authorization: `Bearer ${token}` } });
    expect(old.status).toBe(401);
  });
});

describe("POST /__sim/products", () => {
  it("adds and updates products, new ones with seeded competitors", async () => {
    const client = await startTestSandbox();
    const [fresh] = manyProducts(1);
    const result = await client.control<{ products: unknown[] }>("POST", "/products", {
      products: [fresh, { id: PRODUCTS.SKYOUT, name: "Skyforge Outlaws Renamed", priceLimit: { min: 1, max: 2 } }],
    });
    expect(result.status).toBe(200);
    expect(result.body.products).toHaveLength(2);
    const state = await client.state();
    expect(state.products.find((product) => product.id === PRODUCTS.SKYOUT)?.name).toBe("Skyforge Outlaws Renamed");
    expect(state.competitors[fresh?.id ?? ""]).toHaveLength(3);
    expect((await client.createOffer(PRODUCTS.SKYOUT, "1.50")).status).toBe(202);
  });

  it("refuses an invalid batch without changing anything", async () => {
    const client = await startTestSandbox();
    const result = await client.control<{ error: string }>("POST", "/products", {
      products: [manyProducts(1)[0], { id: "abc", name: "", priceLimit: { min: 5, max: 1 } }],
    });
    expect(result.status).toBe(400);
    expect(result.body.error).toContain("products[1].id");
    expect((await client.state()).products).toHaveLength(14);
  });

  it("can start with a given product list instead of the catalogue", async () => {
    const client = await startTestSandbox({ products: manyProducts(2) });
    expect((await client.state()).products.map((product) => product.id)).toEqual(manyProducts(2).map((p) => p.id));
  });

  it("has every demo product in the default catalogue", async () => {
    const client = await startTestSandbox();
    const ids = (await client.state()).products.map((product) => product.id);
    for (const id of ["11", "12", "13", "14", "21", "22", "23", "24", "25", "26"])
      expect(ids).toContain(`100000000000${id}`);
  });
});

describe("POST /__sim/offers", () => {
  it("seeds an offer at once and answers it", async () => {
    const client = await startTestSandbox();
    const offer = await client.seedOffer({
      productId: PRODUCTS.NEONDO,
      price: "5.49",
      businessPrice: 5,
      inventorySize: 3,
      active: false,
    });
    expect(offer).toMatchObject({
      product: { id: PRODUCTS.NEONDO },
      price: "5.49",
      businessPrice: "5.00",
      inventory: { size: 3, sold: 0 },
      active: false,
      status: "inactive",
      hidden: false,
      archived: false,
    });
    expect((await client.offer(offer.id)).status).toBe(200);
  });

  it("refuses an unknown product, a second offer for a product and bad fields", async () => {
    const client = await startTestSandbox();
    await client.seedOffer({ productId: PRODUCTS.NEONDO });
    const seed = (body: Record<string, unknown>) =>
      client.control("POST", "/offers", {
        productId: PRODUCTS.SKYOUT,
        price: "10.00",
        inventorySize: 1,
        active: true,
        ...body,
      });
    expect((await seed({ productId: "1" })).status).toBe(404);
    expect((await seed({ productId: PRODUCTS.NEONDO })).status).toBe(409);
    expect((await seed({ price: "0" })).status).toBe(400);
    expect((await seed({ inventorySize: 10_001 })).status).toBe(400);
    expect((await seed({ active: undefined })).status).toBe(400);
    expect((await seed({ colour: "red" })).status).toBe(400);
  });
});

describe("who may use the control API", () => {
  it("answers only requests addressed to a loopback name, from no other site's page, with JSON bodies", async () => {
    const sandbox = await startG2aSandbox({ port: 0 });
    try {
      const call = (path: string, headers: Record<string, string>, body?: string) =>
        rawControlCall(sandbox.url, path, headers, body);

      expect(await call("/state", { Host: "evil.example:4020" })).toEqual({
        status: 403,
        body: { error: expect.stringContaining("127.0.0.1 or localhost") },
      });
      const reset = '{"updateMode":"spec"}';
      expect(
        await call("/settings", { Origin: "https://evil.example", "Content-Type": "application/json" }, reset),
      ).toMatchObject({ status: 403 });
      expect(await call("/settings", { "Content-Type": "text/plain" }, reset)).toMatchObject({ status: 415 });
      expect((await call("/state", {})).body).toMatchObject({ settings: { updateMode: "job" } });

      expect(
        (await call("/settings", { Origin: "http://localhost:3000", "Content-Type": "application/json" }, reset))
          .status,
      ).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});
