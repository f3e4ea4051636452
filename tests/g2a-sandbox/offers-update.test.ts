import { describe, expect, it } from "vitest";
import { PRODUCTS, startTestSandbox, type G2aError, type G2aOffer, type SandboxClient } from "./support";

async function offerWith(client: SandboxClient, body: Record<string, unknown> = {}) {
  return client.seedOffer({ productId: PRODUCTS.SKYOUT, price: "15.00", inventorySize: 5, active: true, ...body });
}

async function readOffer(client: SandboxClient, id: string): Promise<G2aOffer> {
  return (await client.offer(id)).body.data;
}

describe("GET /v3/sales/offers/{offerId}", () => {
  it("answers the offer, wrapped in data", async () => {
    const client = await startTestSandbox();
    const seeded = await offerWith(client, { businessPrice: "14.50", visibility: "retail" });
    const result = await client.offer(seeded.id);
    expect(result.status).toBe(200);
    expect(result.body.data).toMatchObject({
      id: seeded.id,
      status: "active",
      active: true,
      price: "15.00",
      businessPrice: "14.50",
      visibility: "retail",
    });
  });

  it("answers 404 for an unknown id", async () => {
    const client = await startTestSandbox();
    const result = await client.offer("6b0c1f64-0000-4000-8000-000000000000");
    expect(result.status).toBe(404);
    expect(result.body).toEqual({ status: "ERROR", code: "OFFER_NOT_FOUND", message: "Offer not found" });
  });

  it("can answer prices nested, as numbers, and the product id as a number", async () => {
    const client = await startTestSandbox();
    const seeded = await offerWith(client, { businessPrice: "14.50" });
    await client.settings({ offerPriceShape: "nested", offerPriceValues: "number", productIdType: "number" });
    const offer = await readOffer(client, seeded.id);
    expect(offer.price).toEqual({
      retail: { base: { value: 15, currencyCode: "EUR" } },
      business: { base: { value: 14.5, currencyCode: "EUR" } },
    });
    expect(offer.businessPrice).toBeUndefined();
    expect(offer.product.id).toBe(Number(PRODUCTS.SKYOUT));
    await client.settings({ offerPriceValues: "string" });
    expect(await readOffer(client, seeded.id)).toMatchObject({ price: { retail: { base: { value: "15.00" } } } });
  });
});

describe("PATCH /v3/sales/offers/{offerId}", () => {
  it("answers 202 with a job and applies only the fields sent when the job completes", async () => {
    const client = await startTestSandbox({ jobDelayMs: 200 });
    const seeded = await offerWith(client, { businessPrice: "14.00" });
    const result = await client.updateOffer(seeded.id, { inventory: { size: 9 }, price: { retail: "16.00" } });
    expect(result.status).toBe(202);
    expect(result.body).toEqual({ data: { jobId: expect.any(String) } });
    expect(await readOffer(client, seeded.id)).toMatchObject({ price: "15.00", inventory: { size: 5 } });

    const job = await client.completedJob(result.body.data.jobId);
    expect(job.elements).toEqual([
      { resourceId: seeded.id, resourceType: "offer", status: "complete", code: null, message: null },
    ]);
    const offer = await readOffer(client, seeded.id);
    expect(offer).toMatchObject({
      price: "16.00",
      businessPrice: "14.00",
      inventory: { size: 9, sold: 0 },
      active: true,
      visibility: "all",
    });
    expect(Date.parse(offer.updatedAt)).toBeGreaterThan(Date.parse(seeded.updatedAt) - 1);
  });

  it("never re-activates an offer by itself when its size goes above 0", async () => {
    const client = await startTestSandbox();
    const seeded = await offerWith(client);
    await client.completedJob(
      (await client.updateOffer(seeded.id, { inventory: { size: 0 }, active: false })).body.data.jobId,
    );
    expect(await readOffer(client, seeded.id)).toMatchObject({ status: "inactive", active: false });

    await client.completedJob((await client.updateOffer(seeded.id, { inventory: { size: 7 } })).body.data.jobId);
    expect(await readOffer(client, seeded.id)).toMatchObject({
      status: "inactive",
      active: false,
      inventory: { size: 7 },
    });

    await client.completedJob((await client.updateOffer(seeded.id, { active: true })).body.data.jobId);
    expect(await readOffer(client, seeded.id)).toMatchObject({
      status: "active",
      active: true,
      inventory: { size: 7 },
    });
  });

  it("answers 204 and applies the change at once in spec mode", async () => {
    const client = await startTestSandbox({ jobDelayMs: 60_000 });
    await client.settings({ updateMode: "spec" });
    const seeded = await offerWith(client);
    const result = await client.updateOffer(seeded.id, { price: { retail: "12.00", business: "11.00" } });
    expect(result.status).toBe(204);
    expect(result.text).toBe("");
    expect(await readOffer(client, seeded.id)).toMatchObject({ price: "12.00", businessPrice: "11.00" });
    expect((await client.state()).jobs).toEqual([]);
  });

  it("answers 404 for an unknown or hidden offer", async () => {
    const client = await startTestSandbox();
    const hidden = await offerWith(client, { hidden: true });
    for (const id of ["6b0c1f64-0000-4000-8000-000000000000", hidden.id])
      expect((await client.updateOffer(id, { active: false })).status).toBe(404);
  });

  it("needs offerType, the offer's own type, and a variant object", async () => {
    const client = await startTestSandbox();
    const seeded = await offerWith(client);
    const path = `/v3/sales/offers/${seeded.id}`;
    const noType = await client.api<G2aError>("PATCH", path, { body: { variant: { active: false } } });
    expect(noType.status).toBe(400);
    expect(noType.body.errors?.[0]?.field).toBe("offerType");
    const noVariant = await client.api<G2aError>("PATCH", path, { body: { offerType: "dropshipping" } });
    expect(noVariant.body.errors?.[0]?.field).toBe("variant");
    const flat = await client.api<G2aError>("PATCH", path, {
      body: { offerType: "dropshipping", inventory: { size: 1 } },
    });
    expect(flat.status).toBe(400);
    const otherType = await client.updateOffer(seeded.id, { active: false }, "game");
    expect(otherType.status).toBe(400);
    expect(otherType.body.errors?.[0]).toMatchObject({ field: "offerType", code: "OFFER_TYPE_MISMATCH" });
    const badSize = await client.updateOffer(seeded.id, { inventory: { size: 10_001 } });
    expect(badSize.body.errors?.[0]).toMatchObject({ field: "variant.inventory.size" });
    const unknownField = await client.updateOffer(seeded.id, { stock: 3 });
    expect(unknownField.body.errors?.[0]).toMatchObject({ field: "variant.stock", code: "UNKNOWN_FIELD" });
  });

  it("fails the job for a price outside the priceLimit, or answers 400 when priceLimitMode is sync", async () => {
    const client = await startTestSandbox();
    const seeded = await offerWith(client);
    const result = await client.updateOffer(seeded.id, { price: { retail: "90.00" }, inventory: { size: 1 } });
    expect(result.status).toBe(202);
    const job = await client.completedJob(result.body.data.jobId);
    expect(job.elements[0]).toMatchObject({ resourceId: seeded.id, status: "complete", code: "PRICE_ABOVE_MAX" });
    expect(await readOffer(client, seeded.id)).toMatchObject({ price: "15.00", inventory: { size: 5 } });

    await client.settings({ priceLimitMode: "sync" });
    const sync = await client.updateOffer(seeded.id, { price: { business: "1.00" } });
    expect(sync.status).toBe(400);
    expect(sync.body.errors?.[0]).toMatchObject({ field: "variant.price.business", code: "PRICE_BELOW_MIN" });
  });

  it("fails the job past the price-change cap, counting only real changes per product", async () => {
    const client = await startTestSandbox();
    const seeded = await offerWith(client);
    const other = await client.seedOffer({ productId: PRODUCTS.NEONDO, price: "5.00" });
    await client.settings({ priceChangeCapPerHour: 2 });
    const change = async (id: string, retail: string) =>
      client.completedJob((await client.updateOffer(id, { price: { retail } })).body.data.jobId);

    expect((await change(seeded.id, "16.00")).elements[0]?.code).toBeNull();
    expect((await change(seeded.id, "16.00")).elements[0]?.code).toBeNull();
    expect((await change(seeded.id, "17.00")).elements[0]?.code).toBeNull();
    const refused = await change(seeded.id, "18.00");
    expect(refused.elements[0]).toMatchObject({
      resourceId: seeded.id,
      code: "PRICE_CHANGE_LIMIT",
      message: expect.any(String),
    });
    expect((await readOffer(client, seeded.id)).price).toBe("17.00");
    expect((await change(other.id, "6.00")).elements[0]?.code).toBeNull();
    expect((await change(seeded.id, "17.00")).elements[0]?.code).toBeNull();
    expect((await client.state()).priceChanges).toEqual({ [PRODUCTS.SKYOUT]: 2, [PRODUCTS.NEONDO]: 1 });
  });

  it("answers 429 with Retry-After past the price-change cap in 429 mode", async () => {
    const client = await startTestSandbox();
    const seeded = await offerWith(client);
    await client.settings({ priceChangeCapPerHour: 1, priceChangeCapMode: "429" });
    expect((await client.updateOffer(seeded.id, { price: { retail: "16.00" } })).status).toBe(202);
    const refused = await client.updateOffer(seeded.id, { price: { retail: "17.00" } });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ status: "ERROR", code: "PRICE_CHANGE_LIMIT" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3500);
    expect((await client.updateOffer(seeded.id, { inventory: { size: 1 } })).status).toBe(202);

    await client.settings({ priceChangeCapPerHour: null });
    expect((await client.updateOffer(seeded.id, { price: { retail: "17.00" } })).status).toBe(202);
  });

  it("archives an offer, which takes it off sale", async () => {
    const client = await startTestSandbox();
    const seeded = await offerWith(client);
    await client.completedJob((await client.updateOffer(seeded.id, { archive: true })).body.data.jobId);
    expect(await readOffer(client, seeded.id)).toMatchObject({ active: false, status: "inactive" });
    expect((await client.state()).offers[0]).toMatchObject({ archived: true });
  });
});

describe("DELETE /v3/sales/offers/{offerId}", () => {
  it("answers 204 and the offer is gone", async () => {
    const client = await startTestSandbox();
    const seeded = await offerWith(client);
    const result = await client.api("DELETE", `/v3/sales/offers/${seeded.id}`);
    expect(result.status).toBe(204);
    expect((await client.offer(seeded.id)).status).toBe(404);
    expect((await client.api("DELETE", `/v3/sales/offers/${seeded.id}`)).status).toBe(404);
    expect((await client.createOffer(PRODUCTS.SKYOUT)).status).toBe(202);
  });

  it("answers 400 for an offer not archived when requireArchiveBeforeDelete is set", async () => {
    const client = await startTestSandbox();
    await client.settings({ requireArchiveBeforeDelete: true });
    const seeded = await offerWith(client);
    const refused = await client.api<G2aError>("DELETE", `/v3/sales/offers/${seeded.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("OFFER_NOT_ARCHIVED");
    await client.completedJob((await client.updateOffer(seeded.id, { archive: true })).body.data.jobId);
    expect((await client.api("DELETE", `/v3/sales/offers/${seeded.id}`)).status).toBe(204);
  });
});
