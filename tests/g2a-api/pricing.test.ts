import { describe, expect, it } from "vitest";
import { G2aPriceChangeBudgetError, type G2aApiClient } from "@/lib/g2a-api";
import type { TestDb } from "../support/test-db";
import { withSandboxPerTest } from "./per-test";
import { PRODUCTS, captureLogger, createSandboxClient, errorOf, seedOffer, type Sandbox } from "./support";

let sandbox: Sandbox;
let testDb: TestDb;
let client: G2aApiClient;

withSandboxPerTest((setup) => ({ sandbox, testDb, client } = setup));

const HOUR_MS = 3_600_000;

describe("G2A Import API client: price simulation", () => {
  it.each(["string", "number"] as const)("reads the unwrapped maps in cents when G2A sends %s values", async (mode) => {
    await sandbox.control("settings", { simulationValues: mode });
    const simulation = await client.simulatePrice(PRODUCTS.A, 598n);
    // The sandbox's invented fees: 10 % retail, 8 % business, buyer markups ALL 10 %, PL 12 %, DE 10 %.
    expect(simulation).toEqual({
      income: { ALL: 538n },
      businessIncome: { ALL: 550n },
      finalePrice: { ALL: 658n, PL: 670n, DE: 658n },
      businessFinalPrice: { ALL: 658n, PL: 670n, DE: 658n },
    });
  });

  it("names the product in the simulation, so an unknown product is refused by G2A", async () => {
    const error = await errorOf(client.simulatePrice("99999999999999", 530n));
    expect(error).toMatchObject({ kind: "bad_request", httpStatus: 400 });
    expect(error.message).toContain("PRODUCT_NOT_FOUND");
  });

  it("refuses to simulate a price that is not positive, before sending", async () => {
    expect((await errorOf(client.simulatePrice(PRODUCTS.A, 0n))).kind).toBe("price_out_of_limits");
    expect(await sandbox.calls()).toEqual([]);
  });
});

describe("G2A Import API client: competitor offers", () => {
  it("falls back to /v3/sales/products/{id}/offers, remembers it, and recognises our own offer", async () => {
    await sandbox.control("settings", { competitorPaths: ["sales"] });
    const ours = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "1.05", inventorySize: 4, active: true });
    await sandbox.control("competitors", {
      productId: PRODUCTS.A,
      offers: [
        { id: "c-1", price: "1.10", sellerName: "KeyVault", inventoryRange: "11-100" },
        { id: "c-2", price: "0.99", sellerName: "PixelMerchant", inventoryRange: "0" },
      ],
    });
    const { logger, lines } = captureLogger();
    const watched = createSandboxClient(sandbox, testDb, { logger }).client;

    const offers = await watched.competitorOffers(PRODUCTS.A);
    expect(offers).toEqual([
      expect.objectContaining({ id: "c-2", priceCents: 99n, sellerName: "PixelMerchant", inStock: false, own: false }),
      expect.objectContaining({ id: ours.id, priceCents: 105n, inventoryRange: "1-10", inStock: true, own: true }),
      expect.objectContaining({ id: "c-1", priceCents: 110n, inStock: true, own: false }),
    ]);
    expect(watched.competitorOffersPath).toBe("/v3/sales/products/{productId}/offers");
    expect(lines.some((line) => line.includes("/v3/sales/products/{productId}/offers"))).toBe(true);

    await watched.competitorOffers(PRODUCTS.A, { ownOfferIds: [ours.id] });
    expect((await sandbox.calls()).filter((call) => call.includes("/products/"))).toEqual([
      `GET /v3/products/${PRODUCTS.A}/offers`,
      `GET /v3/sales/products/${PRODUCTS.A}/offers`,
      `GET /v3/sales/products/${PRODUCTS.A}/offers`,
    ]);
  });

  it("uses /v3/products/{id}/offers when G2A serves it", async () => {
    const offers = await client.competitorOffers(PRODUCTS.B, { ownOfferIds: [] });
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every((offer) => offer.priceCents !== null && !offer.own)).toBe(true);
    expect(client.competitorOffersPath).toBe("/v3/products/{productId}/offers");
  });
});

describe("G2A Import API client: pace", () => {
  it("spaces its requests with its own token bucket, so a G2A limiting at the same pace never answers 429", async () => {
    await sandbox.control("settings", { rateLimit: { mode: "bucket", ratePerSecond: 6, burst: 2 } });
    const paced = createSandboxClient(sandbox, testDb, { requestsPerSecond: 5 }).client;
    const started = Date.now();
    await Promise.all(Array.from({ length: 5 }, () => paced.listOffers()));
    const elapsed = Date.now() - started;
    const { requests } = await sandbox.state();
    expect(requests).toHaveLength(6); // the token, then five lists
    expect(requests.every((request) => request.status === 200)).toBe(true);
    const times = requests.map((request) => Date.parse(request.at));
    const gaps = times.slice(1).map((at, index) => at - (times[index] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(180);
    expect(elapsed).toBeGreaterThanOrEqual(950);
  });

  it("a client without that pace is throttled by the same G2A", async () => {
    await sandbox.control("settings", { rateLimit: { mode: "bucket", ratePerSecond: 6, burst: 2 } });
    const hasty = createSandboxClient(sandbox, testDb, { maxRetries: 0 }).client;
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => hasty.listOffers()));
    expect(outcomes.some((outcome) => outcome.status === "rejected")).toBe(true);
  });
});

describe("G2A Import API client: price-change budget", () => {
  it("refuses the 5th price change of a product within an hour, before sending, saying when it is possible", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 4, active: true });
    const firstAt = Date.now();
    for (const cents of [501n, 502n, 503n, 504n]) await client.updateOffer(offer.id, { priceCents: cents });

    const error = await errorOf(client.updateOffer(offer.id, { priceCents: 505n }));
    expect(error).toBeInstanceOf(G2aPriceChangeBudgetError);
    const possibleAt = (error as G2aPriceChangeBudgetError).possibleAt.getTime();
    expect(possibleAt).toBeGreaterThanOrEqual(firstAt + HOUR_MS);
    expect(possibleAt).toBeLessThan(Date.now() + HOUR_MS);
    expect(error.message).toContain(`product ${PRODUCTS.A}`);
    expect(error.message).toContain(new Date(possibleAt).toISOString());

    const state = await sandbox.state();
    expect(state.priceChanges[PRODUCTS.A]).toBe(4);
    expect(state.offers[0]?.price).toBe("5.04");
    const calls = await sandbox.calls();
    expect(calls.filter((call) => call.startsWith("PATCH "))).toHaveLength(4);
    expect(calls.filter((call) => call === `GET /v3/sales/offers/${offer.id}`)).toHaveLength(1);
  });

  it("still sends stock changes and unchanged prices once the budget is spent", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 4, active: true });
    await client.getOffer(offer.id);
    for (const cents of [501n, 502n, 503n, 504n]) await client.updateOffer(offer.id, { priceCents: cents });
    await client.updateOffer(offer.id, { inventorySize: 9 });
    await client.updateOffer(offer.id, { priceCents: 504n, inventorySize: 10 });
    expect((await sandbox.state()).offers[0]).toMatchObject({ price: "5.04", inventory: { size: 10 } });
  });

  it("does not spend the budget on a change G2A refused", async () => {
    const strict = createSandboxClient(sandbox, testDb, { priceChangesPerHour: 1 }).client;
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 4, active: true });
    await sandbox.control("jobs/next", { outcome: "fail", code: "OFFER_LOCKED", message: "Offer is locked" });
    expect((await errorOf(strict.updateOffer(offer.id, { priceCents: 510n }))).kind).toBe("job_failed");
    await strict.updateOffer(offer.id, { priceCents: 520n });
    expect((await errorOf(strict.updateOffer(offer.id, { priceCents: 530n }))).kind).toBe("price_change_budget");
  });

  it("counts changes per product, on a rolling hour", async () => {
    let now = Date.parse("2026-12-02T10:00:00Z");
    const timed = createSandboxClient(sandbox, testDb, { priceChangesPerHour: 2, now: () => now }).client;
    const a = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "5.00", inventorySize: 4, active: true });
    const b = await seedOffer(sandbox, { productId: PRODUCTS.B, price: "5.00", inventorySize: 4, active: true });
    await timed.listOffers();
    await timed.updateOffer(a.id, { priceCents: 510n });
    now += 30 * 60_000;
    await timed.updateOffer(a.id, { priceCents: 520n });
    await timed.updateOffer(b.id, { priceCents: 510n });
    const refused = await errorOf(timed.updateOffer(a.id, { priceCents: 530n }));
    expect(refused).toMatchObject({ kind: "price_change_budget", retryAfterSeconds: 1800 });
    now += 30 * 60_000 + 1;
    await timed.updateOffer(a.id, { priceCents: 530n });
    expect((await sandbox.state()).offers.map((offer) => offer.price)).toEqual(["5.30", "5.10"]);
  });
});
