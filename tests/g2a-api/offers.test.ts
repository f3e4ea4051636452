import { describe, expect, it } from "vitest";
import { G2aJobError, G2aPriceOutOfLimitsError, type G2aApiClient, type G2aApiClientOptions } from "@/lib/g2a-api";
import type { TestDb } from "../support/test-db";
import { withSandboxPerTest } from "./per-test";
import { PRODUCTS, createSandboxClient, errorOf, seedOffer, type Sandbox } from "./support";

let sandbox: Sandbox;
let testDb: TestDb;
let client: G2aApiClient;

withSandboxPerTest((setup) => ({ sandbox, testDb, client } = setup));

function clientWith(overrides: Partial<G2aApiClientOptions>): G2aApiClient {
  return createSandboxClient(sandbox, testDb, overrides).client;
}

/** G2A changes a product's price range after the client has seen it. */
async function narrowLimits(productId: string, maxEuros: number) {
  await sandbox.control("products", {
    products: [{ id: productId, name: "Narrowed product", priceLimit: { min: 0.5, max: maxEuros } }],
  });
}

const patches = async () => (await sandbox.calls()).filter((call) => call.startsWith("PATCH "));

describe("G2A Import API client: creating offers", () => {
  it("creates an active dropshipping offer and learns its id from the job", async () => {
    await sandbox.control("settings", { jobCompleteAfterPolls: 2 });
    const created = await client.createOffer({ productId: PRODUCTS.A, priceCents: 598n, inventorySize: 12 });
    expect(created.adopted).toBe(false);
    expect(created.jobId).toEqual(expect.any(String));
    const state = await sandbox.state();
    expect(state.offers).toHaveLength(1);
    expect(state.offers[0]).toMatchObject({
      id: created.offerId,
      type: "dropshipping",
      active: true,
      product: { id: PRODUCTS.A },
      price: "5.98",
      businessPrice: "5.98",
      inventory: { size: 12, sold: 0 },
    });
    expect(state.jobs[0]).toMatchObject({ jobId: created.jobId, polls: 2, status: "complete" });
  });

  it("adopts the existing offer on a 409 instead of creating a second one", async () => {
    const existing = await seedOffer(sandbox, {
      productId: PRODUCTS.A,
      price: "7.00",
      inventorySize: 0,
      active: false,
    });
    const created = await client.createOffer({ productId: PRODUCTS.A, priceCents: 598n, inventorySize: 12 });
    expect(created).toEqual({ offerId: existing.id, adopted: true, jobId: null });
    const state = await sandbox.state();
    expect(state.offers).toHaveLength(1);
    expect(state.offers[0]?.price).toBe("7.00");
  });

  it("reports a conflict when G2A says an offer exists that none of our listed offers is", async () => {
    await seedOffer(sandbox, { productId: PRODUCTS.A, price: "7.00", inventorySize: 1, active: true, hidden: true });
    const error = await errorOf(client.createOffer({ productId: PRODUCTS.A, priceCents: 598n, inventorySize: 12 }));
    expect(error).toMatchObject({ kind: "conflict", httpStatus: 409, g2aCode: "OFFER_EXISTS" });
    expect((await sandbox.state()).offers).toHaveLength(1);
  });

  it("after an unreadable answer to a create, lists our offers before sending again and adopts the one made", async () => {
    // G2A carried the create out but its answer was spoiled on the way: a blind resend would duplicate it.
    await sandbox.control("faults", { rules: [{ route: "POST /v3/sales/offers", malformed: true, count: 1 }] });
    const created = await client.createOffer({ productId: PRODUCTS.B, priceCents: 450n, inventorySize: 3 });
    const state = await sandbox.state();
    expect(state.offers).toHaveLength(1);
    expect(created).toMatchObject({ offerId: state.offers[0]?.id, adopted: true });
    expect(
      state.requests.filter((request) => request.method === "POST" && request.path === "/v3/sales/offers"),
    ).toHaveLength(1);
  });

  it("after a 5xx on create with nothing made, lists first and then creates once", async () => {
    await sandbox.control("faults", { rules: [{ route: "POST /v3/sales/offers", status: 502, count: 1 }] });
    const created = await client.createOffer({ productId: PRODUCTS.B, priceCents: 450n, inventorySize: 3 });
    const calls = (await sandbox.calls()).filter((call) => call.includes("/v3/sales/offers"));
    expect(calls).toEqual(["POST /v3/sales/offers", "GET /v3/sales/offers", "POST /v3/sales/offers"]);
    expect(created.adopted).toBe(false);
    expect((await sandbox.state()).offers.map((offer) => offer.id)).toEqual([created.offerId]);
  });

  it("refuses, before sending, a price outside limits the caller knows", async () => {
    const error = await errorOf(
      client.createOffer({
        productId: PRODUCTS.A,
        priceCents: 2_500n,
        inventorySize: 1,
        priceLimit: { minCents: 50n, maxCents: 2_000n },
      }),
    );
    expect(error).toBeInstanceOf(G2aPriceOutOfLimitsError);
    expect(error.message).toBe("price 25.00 EUR is above the product's maximum of 20.00 EUR");
    expect(await sandbox.calls()).toEqual([]);
  });

  it("reports G2A's refusal in the job as a typed error when the limits were not known", async () => {
    const error = await errorOf(client.createOffer({ productId: PRODUCTS.A, priceCents: 2_500n, inventorySize: 1 }));
    expect(error).toBeInstanceOf(G2aJobError);
    expect(error).toMatchObject({ kind: "job_failed", g2aCode: "PRICE_ABOVE_MAX" });
    expect(error.g2aMessage).toContain("above the maximum");
    expect((await sandbox.state()).offers).toHaveLength(0);
  });

  it("reports a create whose job failed, with G2A's code and message", async () => {
    await sandbox.control("jobs/next", { outcome: "fail", code: "INTERNAL", message: "could not create" });
    const failed = await errorOf(client.createOffer({ productId: PRODUCTS.C, priceCents: 300n, inventorySize: 2 }));
    expect(failed).toMatchObject({ kind: "job_failed", g2aCode: "INTERNAL", g2aMessage: "could not create" });
    expect((await sandbox.state()).offers).toHaveLength(0);
  });

  it("finds the offer among ours when the create's job is lost (404 on poll) but did its work", async () => {
    await sandbox.control("jobs/next", { outcome: "lost" });
    const created = await client.createOffer({ productId: PRODUCTS.C, priceCents: 300n, inventorySize: 2 });
    const state = await sandbox.state();
    expect(created).toMatchObject({ offerId: state.offers[0]?.id, adopted: false });
    expect(state.requests.find((request) => request.path.startsWith("/v3/jobs/"))?.status).toBe(404);
  });

  it("reports a lost create job when no offer appeared", async () => {
    await sandbox.control("settings", { jobDelayMs: 60_000 });
    await sandbox.control("jobs/next", { outcome: "lost" });
    const error = await errorOf(client.createOffer({ productId: PRODUCTS.C, priceCents: 300n, inventorySize: 2 }));
    expect(error).toMatchObject({ kind: "job_lost", httpStatus: 404 });
    expect((await sandbox.state()).offers).toHaveLength(0);
  });
});

describe("G2A Import API client: updating offers", () => {
  it("sends only the fields given, polls the job of a 202 and sees the change applied", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 4, active: true });
    await sandbox.control("settings", { jobCompleteAfterPolls: 3 });
    const result = await client.updateOffer(offer.id, { priceCents: 549n });
    expect(result).toMatchObject({ httpStatus: 202, jobId: expect.any(String) });
    const state = await sandbox.state();
    expect(state.jobs.find((job) => job.jobId === result.jobId)?.polls).toBe(3);
    expect(state.offers[0]).toMatchObject({ price: "5.49", businessPrice: "5.49", inventory: { size: 4 } });
  });

  it("accepts a 204 without a job (G2A's documented answer)", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 4, active: true });
    await sandbox.control("settings", { updateMode: "spec" });
    expect(await client.updateOffer(offer.id, { inventorySize: 9 })).toEqual({ httpStatus: 204, jobId: null });
    expect((await sandbox.state()).offers[0]?.inventory.size).toBe(9);
    expect((await sandbox.calls()).some((call) => call.startsWith("GET /v3/jobs/"))).toBe(false);
  });

  it("re-activates an inactive offer when it declares stock again", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 0, active: false });
    await client.updateOffer(offer.id, { inventorySize: 5 });
    expect((await sandbox.state()).offers[0]).toMatchObject({ active: true, inventory: { size: 5 } });
  });

  it("refuses to activate an offer with no stock, before sending", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 0, active: false });
    const error = await errorOf(client.updateOffer(offer.id, { active: true, inventorySize: 0 }));
    expect(error.kind).toBe("invalid_request");
    expect(await patches()).toEqual([]);
  });

  it("deactivates an offer, declaring its stock 0 when asked", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 6, active: true });
    await client.deactivateOffer(offer.id);
    expect((await sandbox.state()).offers[0]).toMatchObject({ active: false, inventory: { size: 6 } });
    await client.deactivateOffer(offer.id, { clearStock: true });
    expect((await sandbox.state()).offers[0]).toMatchObject({ active: false, inventory: { size: 0 } });
  });

  it("surfaces a job element failure as a G2aJobError with G2A's code and message", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 6, active: true });
    await sandbox.control("jobs/next", { outcome: "fail", code: "OFFER_LOCKED", message: "Offer is locked" });
    const error = await errorOf(client.updateOffer(offer.id, { inventorySize: 2 }));
    expect(error).toBeInstanceOf(G2aJobError);
    expect(error).toMatchObject({ kind: "job_failed", g2aCode: "OFFER_LOCKED", g2aMessage: "Offer is locked" });
    expect((error as G2aJobError).elements[0]).toMatchObject({ resourceId: offer.id, code: "OFFER_LOCKED" });
    expect((await sandbox.state()).offers[0]?.inventory.size).toBe(6);
  });

  it("refuses, before sending, a price outside the limits G2A showed on the offer", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 6, active: true });
    await client.getOffer(offer.id); // priceLimit 0.50–20.00
    const above = await errorOf(client.updateOffer(offer.id, { priceCents: 2_001n }));
    const below = await errorOf(client.updateOffer(offer.id, { priceCents: 49n }));
    expect(above).toMatchObject({ kind: "price_out_of_limits", maxCents: 2_000n });
    expect(below).toMatchObject({ kind: "price_out_of_limits", minCents: 50n });
    expect(await patches()).toEqual([]);
  });

  it("reads an offer it has not seen before changing its price, and checks the limits shown", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 6, active: true });
    const error = await errorOf(client.updateOffer(offer.id, { priceCents: 2_001n }));
    expect(error.kind).toBe("price_out_of_limits");
    expect(await sandbox.calls()).toEqual(["POST /oauth/token", `GET /v3/sales/offers/${offer.id}`]);
  });

  it("reports G2A's refusal of an out-of-limits price in the job when the limits it knew were stale", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 6, active: true });
    await client.getOffer(offer.id); // priceLimit 0.50–20.00
    await narrowLimits(PRODUCTS.A, 10);
    const error = await errorOf(client.updateOffer(offer.id, { priceCents: 1_500n }));
    expect(error).toMatchObject({ kind: "job_failed", g2aCode: "PRICE_ABOVE_MAX" });
    expect((await sandbox.state()).offers[0]?.price).toBe("5.00");
  });

  it("reports G2A's synchronous 400 for an out-of-limits price with its field error", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 6, active: true });
    await client.getOffer(offer.id);
    await narrowLimits(PRODUCTS.A, 10);
    await sandbox.control("settings", { priceLimitMode: "sync" });
    const error = await errorOf(client.updateOffer(offer.id, { priceCents: 1_500n }));
    expect(error).toMatchObject({ kind: "bad_request", httpStatus: 400, g2aCode: "VALIDATION_ERROR" });
    expect(error.message).toContain("PRICE_ABOVE_MAX");
    expect(await patches()).toHaveLength(1);
  });

  it("reports a lost job (404 on poll) as job_lost", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 6, active: true });
    await sandbox.control("jobs/next", { outcome: "lost" });
    const error = await errorOf(client.updateOffer(offer.id, { inventorySize: 1 }));
    expect(error).toBeInstanceOf(G2aJobError);
    expect(error).toMatchObject({ kind: "job_lost", httpStatus: 404, jobId: expect.any(String) });
    expect((await sandbox.calls()).filter((call) => call.startsWith("GET /v3/jobs/"))).toHaveLength(1);
  });

  it("reports a job still running after the last poll as job_unfinished", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 6, active: true });
    await sandbox.control("jobs/next", { outcome: "never" });
    const error = await errorOf(clientWith({ jobPollAttempts: 4 }).updateOffer(offer.id, { inventorySize: 1 }));
    expect(error).toMatchObject({ kind: "job_unfinished", jobId: expect.any(String) });
    expect((await sandbox.calls()).filter((call) => call.startsWith("GET /v3/jobs/"))).toHaveLength(4);
  });
});

describe("G2A Import API client: reading offers", () => {
  it("lists every page of 100 when we have more than 250 offers", async () => {
    const products = Array.from({ length: 260 }, (_, index) => ({
      id: String(20_000_000_000_000 + index),
      name: `Paging product ${index}`,
      priceLimit: { min: 0.5, max: 50 },
    }));
    await sandbox.control("products", { products });
    for (const [index, product] of products.entries()) {
      await seedOffer(sandbox, { productId: product.id, price: "3.10", inventorySize: 1, active: index % 2 === 0 });
    }
    const all = await client.listOffers();
    expect(all).toHaveLength(260);
    expect(new Set(all.map((offer) => offer.id)).size).toBe(260);
    const pages = (await sandbox.state()).requests.filter((request) => request.path === "/v3/sales/offers");
    expect(pages).toHaveLength(3);
    const active = await client.listOffers({ active: true, type: "dropshipping" });
    expect(active).toHaveLength(130);
    expect(active.every((offer) => offer.active)).toBe(true);
  });

  it("reads an offer in cents whatever shape G2A gives its price and product id", async () => {
    const seeded = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.98", inventorySize: 12, active: true });
    const expected = {
      id: seeded.id,
      productId: PRODUCTS.A,
      priceCents: 598n,
      businessPriceCents: 598n,
      inventorySize: 12,
      active: true,
      priceLimit: { minCents: 50n, maxCents: 2_000n },
    };
    expect(await client.getOffer(seeded.id)).toMatchObject(expected);
    await sandbox.control("settings", {
      offerPriceShape: "nested",
      offerPriceValues: "number",
      productIdType: "number",
    });
    expect(await client.getOffer(seeded.id)).toMatchObject(expected);
    await sandbox.control("settings", { offerPriceShape: "flat", offerPriceValues: "number" });
    expect((await client.listOffers())[0]).toMatchObject(expected);
  });

  it("reports an unknown offer as not_found without retrying", async () => {
    const error = await errorOf(client.getOffer("00000000-0000-4000-8000-000000000000"));
    expect(error).toMatchObject({ kind: "not_found", httpStatus: 404, g2aCode: "OFFER_NOT_FOUND" });
    expect(await sandbox.calls()).toEqual([
      "POST /oauth/token",
      "GET /v3/sales/offers/00000000-0000-4000-8000-000000000000",
    ]);
  });
});
