import { describe, expect, it } from "vitest";
import { PRODUCTS, sleep, startTestSandbox, type G2aOffer } from "./support";

describe("POST /v3/sales/offers", () => {
  it("answers 202 with a job, and the offer appears only when the job completes", async () => {
    const client = await startTestSandbox({ jobDelayMs: 300 });
    const created = await client.createOffer(PRODUCTS.SKYOUT, "15.00");
    expect(created.status).toBe(202);
    expect(created.body).toEqual({ data: { jobId: expect.any(String) } });
    const { jobId } = created.body.data;

    const pending = await client.job(jobId);
    expect(pending.body.data).toEqual({ jobId, status: "pending", elements: [] });
    expect((await client.api<{ data: unknown[] }>("GET", "/v3/sales/offers")).body.data).toEqual([]);

    await sleep(320);
    const done = await client.job(jobId);
    expect(done.body.data.status).toBe("complete");
    const [element] = done.body.data.elements;
    expect(element).toEqual({
      resourceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      resourceType: "offer",
      status: "complete",
      code: null,
      message: null,
    });

    const list = await client.api<{ data: G2aOffer[] }>("GET", "/v3/sales/offers");
    expect(list.body.data).toEqual([
      {
        id: element?.resourceId,
        type: "dropshipping",
        status: "active",
        active: true,
        product: { id: PRODUCTS.SKYOUT, name: "Skyforge Outlaws (PC) - Steam Key - GLOBAL" },
        price: "15.00",
        businessPrice: "15.00",
        visibility: "all",
        inventory: { size: 5, sold: 0 },
        priceLimit: { min: 6.5, max: 80 },
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);
  });

  it("accepts productId as a number and prices as numbers or short decimals", async () => {
    const client = await startTestSandbox();
    const id = await client.createdOfferId(PRODUCTS.NEONDO, 5.3, {
      productId: Number(PRODUCTS.NEONDO),
      price: { retail: 5.3, business: "5" },
    });
    const offer = await client.offer(id);
    expect(offer.body.data).toMatchObject({ product: { id: PRODUCTS.NEONDO }, price: "5.30", businessPrice: "5.00" });
  });

  it("answers 409 when the product already has our offer, naming it", async () => {
    const client = await startTestSandbox();
    const id = await client.createdOfferId(PRODUCTS.SKYOUT);
    const again = await client.createOffer(PRODUCTS.SKYOUT, "14.00");
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      status: "ERROR",
      code: "OFFER_EXISTS",
      message: "Offer for this product already exists",
      data: { offerId: id },
    });
  });

  it("answers 409 for a hidden offer, without naming it, while the list stays empty", async () => {
    const client = await startTestSandbox();
    const hidden = await client.seedOffer({ productId: PRODUCTS.SKYOUT, hidden: true });
    const created = await client.createOffer(PRODUCTS.SKYOUT);
    expect(created.status).toBe(409);
    expect(created.body).toEqual({
      status: "ERROR",
      code: "OFFER_EXISTS",
      message: "Offer for this product already exists",
    });
    expect((await client.api<{ data: unknown[] }>("GET", "/v3/sales/offers")).body.data).toEqual([]);
    expect((await client.offer(hidden.id)).status).toBe(404);
  });

  it("answers 409 while an earlier create for the product is still pending", async () => {
    const client = await startTestSandbox({ jobDelayMs: 5000 });
    expect((await client.createOffer(PRODUCTS.SKYOUT)).status).toBe(202);
    const second = await client.createOffer(PRODUCTS.SKYOUT);
    expect(second.status).toBe(409);
    expect(second.body.data).toBeUndefined();
  });

  it("refuses a body that is not valid, naming every field", async () => {
    const client = await startTestSandbox();
    const result = await client.api<{ errors: Array<{ field: string; code: string }> }>("POST", "/v3/sales/offers", {
      body: {
        offerType: "unknown",
        variants: [
          { productId: "i10000000000021", price: { retail: "5.999" }, inventory: { size: 1.5 }, colour: "red" },
        ],
      },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ status: "ERROR", code: "VALIDATION_ERROR", message: expect.any(String) });
    expect(result.body.errors.map((error) => [error.field, error.code])).toEqual([
      ["offerType", "INVALID_OFFER_TYPE"],
      ["variants[0].colour", "UNKNOWN_FIELD"],
      ["variants[0].productId", "INVALID_VALUE"],
      ["variants[0].price.retail", "INVALID_PRICE"],
      ["variants[0].inventory.size", "INVALID_INVENTORY_SIZE"],
    ]);
    for (const error of result.body.errors as Array<{ message?: unknown }>)
      expect(error.message).toEqual(expect.any(String));
  });

  it("needs exactly one variant", async () => {
    const client = await startTestSandbox();
    const variant = { productId: PRODUCTS.SKYOUT, price: { retail: "15.00" }, inventory: { size: 1 } };
    for (const variants of [[], [variant, { ...variant, productId: PRODUCTS.NEONDO }], undefined]) {
      const result = await client.api<{ errors: Array<{ field: string }> }>("POST", "/v3/sales/offers", {
        body: { offerType: "dropshipping", variants },
      });
      expect(result.status).toBe(400);
      expect(result.body.errors[0]?.field).toBe("variants");
    }
  });

  it("refuses a price of 0, a negative one and one with 3 decimals", async () => {
    const client = await startTestSandbox();
    for (const price of ["0", "0.00", 0, -1, "-1.00", "5.999", 5.999, "abc", null]) {
      const result = await client.createOffer(PRODUCTS.SKYOUT, price);
      expect(result.status, JSON.stringify(price)).toBe(400);
      expect(result.body.errors?.[0]).toMatchObject({ field: "variants[0].price.retail", code: "INVALID_PRICE" });
    }
  });

  it("accepts an inventory size from 0 to 10 000 and refuses one outside", async () => {
    const client = await startTestSandbox();
    expect((await client.createOffer(PRODUCTS.SKYOUT, "15.00", { inventory: { size: 10_000 } })).status).toBe(202);
    expect((await client.createOffer(PRODUCTS.NEONDO, "5.00", { inventory: { size: 0 } })).status).toBe(202);
    for (const size of [10_001, -1, "5"]) {
      const result = await client.createOffer(PRODUCTS.MISTVH, "20.00", { inventory: { size } });
      expect(result.status).toBe(400);
      expect(result.body.errors?.[0]?.field).toBe("variants[0].inventory.size");
    }
  });

  it("answers 400 for an unknown product, or a failed job element when unknownProductMode is job", async () => {
    const client = await startTestSandbox();
    const sync = await client.createOffer("99999999999999");
    expect(sync.status).toBe(400);
    expect(sync.body.errors).toEqual([
      { field: "variants[0].productId", code: "PRODUCT_NOT_FOUND", message: expect.any(String) },
    ]);

    await client.settings({ unknownProductMode: "job" });
    const later = await client.createOffer("99999999999999");
    expect(later.status).toBe(202);
    const job = await client.completedJob(later.body.data.jobId);
    expect(job.status).toBe("complete");
    expect(job.elements).toEqual([
      {
        resourceId: null,
        resourceType: "offer",
        status: "complete",
        code: "PRODUCT_NOT_FOUND",
        message: expect.any(String),
      },
    ]);
  });

  it("fails the job for a price outside the product's priceLimit, creating nothing", async () => {
    const client = await startTestSandbox();
    const low = await client.createOffer(PRODUCTS.SKYOUT, "6.49");
    expect(low.status).toBe(202);
    const job = await client.completedJob(low.body.data.jobId);
    expect(job.status).toBe("complete");
    expect(job.elements[0]).toMatchObject({
      resourceId: null,
      code: "PRICE_BELOW_MIN",
      message: expect.stringContaining("6.50"),
    });
    const high = await client.createOffer(PRODUCTS.SKYOUT, "15.00", { price: { retail: "15.00", business: "80.01" } });
    expect((await client.completedJob(high.body.data.jobId)).elements[0]?.code).toBe("PRICE_ABOVE_MAX");
    expect((await client.state()).offers).toEqual([]);
    expect((await client.createOffer(PRODUCTS.SKYOUT, "6.50")).status).toBe(202);
  });

  it("answers 400 for a price outside the priceLimit when priceLimitMode is sync", async () => {
    const client = await startTestSandbox();
    await client.settings({ priceLimitMode: "sync" });
    const result = await client.createOffer(PRODUCTS.SKYOUT, "80.01");
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual([
      { field: "variants[0].price.retail", code: "PRICE_ABOVE_MAX", message: expect.any(String) },
    ]);
  });

  it("answers 400 BR01 for a body that is not JSON", async () => {
    const client = await startTestSandbox();
    const result = await client.api("POST", "/v3/sales/offers", {
      rawBody: "{oops",
      headers: { "Content-Type": "application/json" },
    });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ status: "ERROR", code: "BR01", message: "Invalid JSON" });
  });
});
