import { describe, expect, it } from "vitest";
import { jitteredBackoffMs } from "@/lib/g2a-api/backoff";
import { createdOfferId, jobFailure } from "@/lib/g2a-api/jobs";
import { createOfferBody, declaredStock, updateOfferBody } from "@/lib/g2a-api/offer-requests";
import { PriceChangeBudget } from "@/lib/g2a-api/price-change-budget";
import { RateLimiter } from "@/lib/g2a-api/rate-limiter";
import {
  errorBodySchema,
  jobAnswerSchema,
  offerAnswerSchema,
  simulationSchema,
  writeAcceptedSchema,
} from "@/lib/g2a-api/schemas";

const OFFER = {
  id: "69ff4add-3374-44dd-a531-da1409ae9e84",
  type: "dropshipping",
  product: { id: "10000008939005", name: "Example Game Steam Key GLOBAL" },
  inventory: { size: 12, sold: 0 },
};

describe("G2A wire formats: offers", () => {
  it.each([
    ["a flat string", { price: "5.98", businessPrice: "5.90" }],
    ["a flat number", { price: 5.98, businessPrice: 5.9 }],
    [
      "a nested object",
      { price: { retail: { base: { value: "5.98", currencyCode: "EUR" } }, business: { base: { value: 5.9 } } } },
    ],
  ])("reads the price as cents from %s", (_, price) => {
    const offer = offerAnswerSchema.parse({ data: { ...OFFER, status: "active", ...price } });
    expect(offer).toMatchObject({ priceCents: 598n, businessPriceCents: 590n, productId: "10000008939005" });
  });

  it("takes `active` when present, else status == active", () => {
    const read = (fields: object) => offerAnswerSchema.parse({ data: { ...OFFER, price: "1.00", ...fields } }).active;
    expect(read({ status: "active" })).toBe(true);
    expect(read({ status: "inactive" })).toBe(false);
    expect(read({ status: "active", active: false })).toBe(false);
    expect(read({})).toBe(false);
  });

  it("accepts a product id sent as a number and a price limit in EUR", () => {
    const offer = offerAnswerSchema.parse({
      data: { ...OFFER, product: { id: 10000008939005, name: "x" }, price: "5.98", priceLimit: { min: 0.5, max: 200 } },
    });
    expect(offer.productId).toBe("10000008939005");
    expect(offer.priceLimit).toEqual({ minCents: 50n, maxCents: 20_000n });
  });
});

describe("G2A wire formats: jobs", () => {
  const job = (status: string, elements: object[] = []) =>
    jobAnswerSchema.parse({ data: { jobId: "j", status, elements } });

  it("counts complete, completed, done, failed and error as finished, anything else as running", () => {
    for (const status of ["complete", "completed", "done", "failed", "error", "COMPLETE"])
      expect(job(status).finished).toBe(true);
    for (const status of ["pending", "processing", ""]) expect(job(status).finished).toBe(false);
  });

  it("treats an element with a code, or with status failed or error, as failed", () => {
    const finished = job("complete", [
      { resourceId: "o-1", resourceType: "offer", status: "complete", code: "PRICE_ABOVE_MAX", message: "too high" },
      { resourceId: "o-2", resourceType: "offer", status: "error", code: null, message: null },
      { resourceId: "o-3", resourceType: "offer", status: "complete", code: null, message: null },
    ]);
    expect(finished.elements.map((element) => element.failed)).toEqual([true, true, false]);
    expect(createdOfferId(finished)).toBe("o-3");
    expect(jobFailure("j", finished)).toMatchObject({ kind: "job_failed", g2aCode: "PRICE_ABOVE_MAX" });
  });

  it("reports a job whose own status is failed even without a failed element", () => {
    expect(jobFailure("j", job("failed"))).toMatchObject({ kind: "job_failed", jobId: "j" });
    expect(jobFailure("j", job("complete", [{ resourceId: "o", code: null }]))).toBeNull();
  });

  it("reads a job id from data.jobId, a top-level jobId, or no body at all", () => {
    expect(writeAcceptedSchema.parse({ data: { jobId: "a" } })).toBe("a");
    expect(writeAcceptedSchema.parse({ jobId: "b" })).toBe("b");
    expect(writeAcceptedSchema.parse(undefined)).toBeNull();
  });
});

describe("G2A wire formats: simulation and errors", () => {
  it("reads string and number values as cents, keeping the map keys", () => {
    const simulation = simulationSchema.parse({
      income: { ALL: "5.12", PL: 5.1 },
      businessIncome: { ALL: 5.2 },
      finalePrice: { ALL: "6.41" },
    });
    expect(simulation).toEqual({
      income: { ALL: 512n, PL: 510n },
      businessIncome: { ALL: 520n },
      finalePrice: { ALL: 641n },
      businessFinalPrice: {},
    });
  });

  it("finds code and message at the top level, in errors[0] or in data", () => {
    expect(errorBodySchema.parse({ status: "ERROR", code: "BR03", message: "Too many requests" })).toMatchObject({
      code: "BR03",
      message: "Too many requests",
    });
    expect(errorBodySchema.parse({ errors: [{ code: 40001, detail: "bad field" }] })).toMatchObject({
      code: "40001",
      message: "bad field",
    });
    expect(errorBodySchema.parse({ data: { code: "OFFER_EXISTS", message: "exists", offerId: "o-1" } })).toEqual({
      code: "OFFER_EXISTS",
      message: "exists",
      firstError: null,
      offerId: "o-1",
    });
  });
});

describe("G2A request bodies", () => {
  it("creates a dropshipping offer with one active variant visible to all, prices as two-decimal strings", () => {
    expect(createOfferBody({ productId: "10000008939005", priceCents: 530n, inventorySize: 12 })).toEqual({
      offerType: "dropshipping",
      variants: [
        {
          productId: "10000008939005",
          price: { retail: "5.30", business: "5.30" },
          active: true,
          inventory: { size: 12 },
          visibility: "all",
        },
      ],
    });
  });

  it("updates only the fields given, adding active:true to a positive stock", () => {
    expect(updateOfferBody({ priceCents: 549n }, "dropshipping")).toEqual({
      offerType: "dropshipping",
      variant: { price: { retail: "5.49", business: "5.49" } },
    });
    expect(updateOfferBody({ inventorySize: 7 }, "game")).toEqual({
      offerType: "game",
      variant: { inventory: { size: 7 }, active: true },
    });
    expect(updateOfferBody({ inventorySize: 0 }, "dropshipping").variant).toEqual({ inventory: { size: 0 } });
    expect(updateOfferBody({ active: false }, "dropshipping").variant).toEqual({ active: false });
  });

  it("clamps declared stock to 9 999 and refuses a negative or fractional one", () => {
    expect(declaredStock(25_000)).toBe(9_999);
    expect(() => declaredStock(-1)).toThrow(/whole number/);
    expect(() => declaredStock(1.5)).toThrow(/whole number/);
  });
});

describe("G2A client pacing", () => {
  function fakeClock() {
    const clock = { now: 0, waits: [] as number[] };
    return {
      clock,
      now: () => clock.now,
      sleep: async (ms: number) => {
        clock.waits.push(ms);
        clock.now += ms;
      },
    };
  }

  it("lets a burst through, then one request per 1/rate seconds", async () => {
    const { clock, now, sleep } = fakeClock();
    const limiter = new RateLimiter({ ratePerSecond: 4, burst: 2, now, sleep });
    for (let request = 0; request < 5; request++) await limiter.take();
    expect(clock.waits).toEqual([250, 250, 250]);
  });

  it("queues callers that arrive together, each behind the one before", async () => {
    const clock = { now: 0 };
    const waits: number[] = [];
    const limiter = new RateLimiter({
      ratePerSecond: 4,
      burst: 1,
      now: () => clock.now,
      sleep: async (ms) => void waits.push(ms),
    });
    await Promise.all([limiter.take(), limiter.take(), limiter.take()]);
    expect(waits).toEqual([250, 500]);
  });

  it("backs off exponentially with jitter, capped", () => {
    const at = (attempt: number, random: number) =>
      jitteredBackoffMs(attempt, { baseMs: 500, maxMs: 10_000, random: () => random });
    expect([at(0, 0), at(0, 1)]).toEqual([250, 500]);
    expect([at(3, 0), at(3, 1)]).toEqual([2_000, 4_000]);
    expect(at(10, 1)).toBe(10_000);
  });

  it("frees a price change an hour after the oldest one in the window", () => {
    let now = 1_000;
    const budget = new PriceChangeBudget({ perHour: 2, now: () => now });
    budget.spend("p");
    now += 10_000;
    budget.spend("p");
    expect(budget.nextPossibleAt("p")?.getTime()).toBe(1_000 + 3_600_000);
    expect(budget.nextPossibleAt("q")).toBeNull();
    now = 1_000 + 3_600_000;
    expect(budget.nextPossibleAt("p")).toBeNull();
  });

  it("takes back a change G2A did not apply", () => {
    const budget = new PriceChangeBudget({ perHour: 1, now: () => 5_000 });
    const giveBack = budget.spend("p");
    expect(budget.nextPossibleAt("p")).not.toBeNull();
    giveBack();
    expect(budget.nextPossibleAt("p")).toBeNull();
  });
});
