import { describe, expect, it } from "vitest";
import { G2aApiRateLimitError, G2aApiUnavailableError, type G2aApiClient } from "@/lib/g2a-api";
import { withSandboxPerTest } from "./per-test";
import { PRODUCTS, errorOf, seedOffer, type Sandbox } from "./support";

let sandbox: Sandbox;
let client: G2aApiClient;

withSandboxPerTest((setup) => ({ sandbox, client } = setup), { maxRetries: 4 });

const requestsTo = async (path: string, method = "GET") =>
  (await sandbox.state()).requests
    .filter((request) => request.method === method && request.path === path)
    .map((request) => request.status);

describe("G2A Import API client: retries", () => {
  it("rides out a storm of 429s within the retry budget, waiting as Retry-After says", async () => {
    await sandbox.control("faults", {
      rules: [{ route: "GET /v3/sales/offers", status: 429, count: 3, retryAfterSeconds: 0 }],
    });
    expect(await client.listOffers()).toEqual([]);
    expect(await requestsTo("/v3/sales/offers")).toEqual([429, 429, 429, 200]);
  });

  it("honours a Retry-After of one second before sending again", async () => {
    await sandbox.control("faults", {
      rules: [{ route: "GET /v3/sales/offers", status: 429, count: 1, retryAfterSeconds: 1 }],
    });
    const started = Date.now();
    await client.listOffers();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("gives up with G2aApiRateLimitError once the retries are spent", async () => {
    await sandbox.control("faults", {
      rules: [{ route: "GET /v3/sales/offers", status: 429, count: 10, retryAfterSeconds: 0 }],
    });
    const error = await errorOf(client.listOffers({}, { maxRetries: 2 }));
    expect(error).toBeInstanceOf(G2aApiRateLimitError);
    expect(error).toMatchObject({ httpStatus: 429, g2aCode: "BR03" });
    expect(await requestsTo("/v3/sales/offers")).toHaveLength(3);
  });

  it("fails at once when Retry-After asks for longer than a call will wait", async () => {
    await sandbox.control("faults", {
      rules: [{ route: "GET /v3/sales/offers", status: 429, count: 1, retryAfterSeconds: 600 }],
    });
    const error = await errorOf(client.listOffers());
    expect(error).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 600 });
    expect(await requestsTo("/v3/sales/offers")).toHaveLength(1);
  });

  it("retries reads through 5xx and unreadable answers", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 1, active: true });
    await sandbox.control("faults", {
      rules: [
        { route: "GET /v3/sales/offers/{offerId}", status: 502, count: 1 },
        { route: "GET /v3/sales/offers/{offerId}", malformed: true, count: 1 },
      ],
    });
    expect((await client.getOffer(offer.id)).priceCents).toBe(500n);
    expect(await requestsTo(`/v3/sales/offers/${offer.id}`)).toEqual([502, 200, 200]);
  });

  it("repeats an update after a 5xx, since it sets absolute values", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 1, active: true });
    await sandbox.control("faults", { rules: [{ route: "PATCH /v3/sales/offers/{offerId}", status: 500, count: 2 }] });
    await client.updateOffer(offer.id, { inventorySize: 8 });
    expect((await sandbox.state()).offers[0]?.inventory.size).toBe(8);
    expect(await requestsTo(`/v3/sales/offers/${offer.id}`, "PATCH")).toEqual([500, 500, 202]);
  });

  it("gives up on a call that times out every time, within timeoutMs × (retries + 1)", async () => {
    await sandbox.control("faults", { rules: [{ route: "GET /v3/sales/offers", delayMs: 400, count: 5 }] });
    const started = Date.now();
    const error = await errorOf(client.listOffers({}, { timeoutMs: 100, maxRetries: 1 }));
    expect(error).toBeInstanceOf(G2aApiUnavailableError);
    expect(error.message).toBe("G2A did not answer in time");
    expect(Date.now() - started).toBeLessThan(400);
    await new Promise((resolve) => setTimeout(resolve, 400)); // let the held answers go before the next test
  });

  it("does not resend a create after a 4xx refusal", async () => {
    const error = await errorOf(
      client.createOffer({ productId: "99999999999999", priceCents: 500n, inventorySize: 1 }),
    );
    expect(error).toMatchObject({ kind: "bad_request", httpStatus: 400 });
    expect(error.message).toContain("PRODUCT_NOT_FOUND");
    expect(await requestsTo("/v3/sales/offers", "POST")).toEqual([400]);
  });

  it("gives up on a create after G2A keeps failing, having looked for the offer before each resend", async () => {
    await sandbox.control("faults", { rules: [{ route: "POST /v3/sales/offers", status: 503, count: 10 }] });
    const error = await errorOf(
      client.createOffer({ productId: PRODUCTS.A, priceCents: 500n, inventorySize: 1 }, { maxRetries: 2 }),
    );
    expect(error).toMatchObject({ kind: "unavailable", httpStatus: 503 });
    const calls = (await sandbox.calls()).filter((call) => call.includes("/v3/sales/offers"));
    expect(calls).toEqual([
      "POST /v3/sales/offers",
      "GET /v3/sales/offers",
      "POST /v3/sales/offers",
      "GET /v3/sales/offers",
      "POST /v3/sales/offers",
      "GET /v3/sales/offers",
    ]);
  });
});
