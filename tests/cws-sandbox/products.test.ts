import { describe, expect, it } from "vitest";
import {
  PLACEHOLDER_PNG_BASE64,
  PRODUCT_IDS,
  sleep,
  startTestSimulator,
  type CwsError,
  type CwsProduct,
} from "./support";

interface ProductPage {
  continuationToken: string | null;
  items: CwsProduct[];
}

const HIDDEN_PATCH = { productId: PRODUCT_IDS.MISTVH, sim: { hidden: true } };

describe("GET /v3/products/{productId}", () => {
  it("serves the product as stored: prices unsorted, images generated, no sim object, CWS headers", async () => {
    const client = await startTestSimulator({ publicUrl: "http://sim.example:4010" });
    const result = await client.api<CwsProduct>("GET", `/v3/products/${PRODUCT_IDS.TWTCO}`);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      productId: PRODUCT_IDS.TWTCO,
      identifier: "TWTCO",
      name: "Test with text codes only",
      platform: "Uplay",
      quantity: 1000,
      images: [
        { image: `http://sim.example:4010/v1/products/${PRODUCT_IDS.TWTCO}/image?format=SMALL`, format: "SMALL" },
        { image: `http://sim.example:4010/v1/products/${PRODUCT_IDS.TWTCO}/image?format=MEDIUM`, format: "MEDIUM" },
      ],
      regions: ["PL"],
      regionDescription: null,
      languages: ["pl"],
      badges: [],
      prices: [
        { value: 1.11, from: 1, to: 9 },
        { value: 0.11, from: 100, to: null },
        { value: 0.41, from: 10, to: 99 },
      ],
      releaseDate: null,
    });
    expect(result.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    expect(result.headers.get("cache-control")).toBe("no-cache, no-store, max-age=0, must-revalidate");
    expect(result.headers.get("pragma")).toBe("no-cache");
    expect(result.headers.get("expires")).toBe("0");
  });

  it("keeps big prices exact and an open band written as to: 0", async () => {
    const client = await startTestSimulator();
    const result = await client.api<CwsProduct>("GET", `/v3/products/${PRODUCT_IDS.TPWHP}`);
    expect(result.text).toContain('"value":1249.99');
    expect(result.body.prices[0]).toEqual({ value: 1199.99, from: 100, to: 0 });
    await client.control("POST", "/products", {
      productId: PRODUCT_IDS.TPWHP,
      prices: [
        { value: 1038999996.88, from: 100, to: 0 },
        { value: 1038999998.96, from: 1, to: 99 },
      ],
    });
    const big = await client.api<CwsProduct>("GET", `/v3/products/${PRODUCT_IDS.TPWHP}`);
    expect(big.text).toContain('"value":1038999998.96');
    expect(big.body.prices[0]).toEqual({ value: 1038999996.88, from: 100, to: 0 });
  });

  it("answers 404/20001 for an unknown or hidden product", async () => {
    const client = await startTestSimulator();
    await client.control("POST", "/products", HIDDEN_PATCH);
    for (const id of [crypto.randomUUID(), PRODUCT_IDS.MISTVH]) {
      const result = await client.api<CwsError>("GET", `/v3/products/${id}`);
      expect(result.status).toBe(404);
      expect(result.body).toEqual({ status: 404, code: 20001, message: "Product not found" });
    }
  });
});

describe("GET /v3/products", () => {
  it("pages with base64url offset tokens until the token is null", async () => {
    const client = await startTestSimulator({ pageSize: 4 });
    const seen: string[] = [];
    const tokens: Array<string | null> = [];
    let query = "";
    for (let page = 0; page < 5; page++) {
      const result = await client.api<ProductPage>("GET", `/v3/products${query}`);
      expect(result.status).toBe(200);
      seen.push(...result.body.items.map((item) => item.identifier));
      tokens.push(result.body.continuationToken);
      if (result.body.continuationToken === null) break;
      query = `?continuationToken=${result.body.continuationToken}`;
    }
    expect(tokens).toEqual(["b2Zmc2V0OjQ", "b2Zmc2V0Ojg", null]);
    expect(Buffer.from("b2Zmc2V0OjQ", "base64url").toString()).toBe("offset:4");
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
  });

  it("orders by createdAt, then productId", async () => {
    const client = await startTestSimulator();
    const result = await client.api<ProductPage>("GET", "/v3/products");
    const ids = result.body.items.map((item) => item.productId);
    expect(ids).toEqual([...Object.values(PRODUCT_IDS)].sort());
  });

  it("filters by productIds, ignoring unknown and hidden ids and spaces", async () => {
    const client = await startTestSimulator();
    await client.control("POST", "/products", HIDDEN_PATCH);
    const ids = [PRODUCT_IDS.SKYOUT, ` ${PRODUCT_IDS.TPP} `, crypto.randomUUID(), PRODUCT_IDS.MISTVH].join(",");
    const result = await client.api<ProductPage>("GET", `/v3/products?productIds=${encodeURIComponent(ids)}`);
    expect(result.body.items.map((item) => item.identifier).sort()).toEqual(["SKYOUT", "TPP"]);
    expect(result.body.continuationToken).toBeNull();
  });

  it("leaves hidden products out of the list", async () => {
    const client = await startTestSimulator();
    await client.control("POST", "/products", HIDDEN_PATCH);
    const result = await client.api<ProductPage>("GET", "/v3/products");
    expect(result.body.items).toHaveLength(9);
    expect(result.body.items.map((item) => item.identifier)).not.toContain("MISTVH");
  });

  it("filters by updatedSince, including products changed by an order", async () => {
    const client = await startTestSimulator();
    await client.control("POST", "/products", {
      productId: PRODUCT_IDS.TWTCO,
      sim: { updatedAt: "2020-01-01T00:00:00.000Z" },
    });
    const since = new Date(Date.now() + 5).toISOString();
    const none = await client.api<ProductPage>("GET", `/v3/products?updatedSince=${since}`);
    expect(none.body.items).toEqual([]);
    await sleep(10);
    await client.order([{ productId: PRODUCT_IDS.SKYOUT, quantity: 1 }]);
    await client.control("POST", "/products", { productId: PRODUCT_IDS.PIXHAR, quantity: 10 });
    const changed = await client.api<ProductPage>("GET", `/v3/products?updatedSince=${since}`);
    expect(changed.body.items.map((item) => item.identifier).sort()).toEqual(["PIXHAR", "SKYOUT"]);
    const all = await client.api<ProductPage>("GET", "/v3/products?updatedSince=2021-01-01");
    expect(all.body.items.map((item) => item.identifier)).not.toContain("TWTCO");
    expect(all.body.items).toHaveLength(9);
  });

  it("filters by createdSince, platform, region, language and inStockDaysAgo", async () => {
    const client = await startTestSimulator();
    await client.control("POST", "/products", {
      productId: PRODUCT_IDS.TWTCO,
      sim: { createdAt: "2020-01-01T00:00:00.000Z", updatedAt: "2020-01-01T00:00:00.000Z" },
    });
    const identifiers = async (query: string) =>
      (await client.api<ProductPage>("GET", `/v3/products?${query}`)).body.items.map((item) => item.identifier).sort();
    expect(await identifiers("createdSince=2024-01-01T00:00:00Z")).not.toContain("TWTCO");
    expect(await identifiers("platform=uplay,GOG")).toEqual(["MISTVH", "STARCA", "TWTCO"]);
    expect(await identifiers("region=pl")).toEqual(["PIXHAR", "TWTCO"]);
    expect(await identifiers("language=de&platform=Steam")).toEqual(["NEONDO"]);
    expect(await identifiers("inStockDaysAgo=1")).not.toContain("STARCA");
    expect(await identifiers("inStockDaysAgo=1")).not.toContain("TWTCO");
  });

  it.each([
    ["a malformed continuation token", "continuationToken=bm90LWFuLW9mZnNldA"],
    ["a continuation token that is not base64url", "continuationToken=%24%24"],
    ["a malformed date", "updatedSince=yesterday"],
    ["an impossible date", "createdSince=2025-02-30"],
    ["inStockDaysAgo above 60", "inStockDaysAgo=61"],
    ["a negative inStockDaysAgo", "inStockDaysAgo=-1"],
  ])("answers 400/0 for %s", async (_case, query) => {
    const client = await startTestSimulator();
    const result = await client.api<CwsError>("GET", `/v3/products?${query}`);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ status: 400, code: 0 });
  });
});

describe("descriptions, reference lists and images", () => {
  it("generates a description with the §5.3 fields", async () => {
    const client = await startTestSimulator();
    const result = await client.api<Record<string, unknown>>(
      "GET",
      `/v3/products/${PRODUCT_IDS.NEONDO}/description?locale=en`,
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      productId: PRODUCT_IDS.NEONDO,
      platform: "Steam",
      officialTitle: "Neon Drift: Overclocked",
      category: "Action",
      developerName: "Simulated Studio",
      pegirating: "",
      eans: [],
      factSheets: [{ territory: "English", description: "Simulated description of Neon Drift: Overclocked." }],
      releases: [{ releaseDate: "2021-11-02T00:00:00.000Z" }],
      videos: [],
    });
    const missing = await client.api<CwsError>("GET", `/v3/products/${crypto.randomUUID()}/description`);
    expect(missing.body).toEqual({ status: 404, code: 20001, message: "Product not found" });
  });

  it("lists distinct, sorted platforms, regions and languages", async () => {
    const client = await startTestSimulator();
    expect((await client.api("GET", "/v3/platforms")).body).toEqual({
      platforms: ["GOG", "None", "Origin", "Steam", "Uplay"].map((name) => ({ name })),
    });
    expect((await client.api("GET", "/v3/regions")).body).toEqual({
      regions: ["ASIA", "EU", "PL", "WORLDWIDE"].map((name) => ({ name })),
    });
    expect((await client.api("GET", "/v3/languages")).body).toEqual({
      languages: ["Multilanguage", "de", "en", "fr", "pl"].map((name) => ({ name })),
    });
  });

  it("serves the placeholder PNG without authentication and without counting the request", async () => {
    const client = await startTestSimulator();
    const response = await fetch(`${client.url}/v1/products/${PRODUCT_IDS.SKYOUT}/image?format=SMALL`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).toString("base64")).toBe(PLACEHOLDER_PNG_BASE64);
    expect((await client.state()).counters.requests).toEqual({});
  });
});

describe("routing", () => {
  it("answers an unknown route with 404/0 naming it", async () => {
    const client = await startTestSimulator();
    const result = await client.api<CwsError>("GET", "/v3/nothing/here");
    expect(result.status).toBe(404);
    expect(result.body).toEqual({ status: 404, code: 0, message: "No handler for GET /v3/nothing/here" });
  });

  it("answers a known path with the wrong method with 405/0", async () => {
    const client = await startTestSimulator();
    const result = await client.api<CwsError>("DELETE", `/v3/orders/${crypto.randomUUID()}`);
    expect(result.status).toBe(405);
    expect(result.body).toMatchObject({ status: 405, code: 0 });
  });
});
