import { describe, expect, it } from "vitest";
import { PRODUCTS, startTestSandbox, type SandboxClient } from "./support";

interface CompetitorOffer {
  id: string;
  price: {
    retail: {
      base: { countryCode: string; currencyCode: string; value: string };
      final: Array<{ countryCode: string; value: string }>;
    };
    business: unknown;
  };
  seller: { name: string; rating: number; ratingsCount: number };
  inventory: { range: string };
}
interface CompetitorList {
  data: CompetitorOffer[];
  meta: { page: number; itemsPerPage: number; totalResults: number };
}

const PATHS = [`/v3/products/${PRODUCTS.SKYOUT}/offers`, `/v3/sales/products/${PRODUCTS.SKYOUT}/offers`];

const competitors = (client: SandboxClient, path: string) => client.api<CompetitorList>("GET", path);

describe("competitor offers", () => {
  it("lists a few seeded offers per product on both paths, cheapest first", async () => {
    const client = await startTestSandbox();
    const [first, second] = await Promise.all(PATHS.map((path) => competitors(client, path)));
    expect(first?.status).toBe(200);
    expect(second?.body).toEqual(first?.body);
    const list = first?.body;
    expect(list?.data).toHaveLength(3);
    expect(list?.meta).toEqual({ page: 1, itemsPerPage: 3, totalResults: 3 });
    const prices = list?.data.map((offer) => Number(offer.price.retail.base.value)) ?? [];
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(prices.every((price) => price >= 6.5 && price <= 80)).toBe(true);
    expect(list?.data[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      price: {
        retail: {
          base: { countryCode: "PL", currencyCode: "EUR", value: expect.stringMatching(/^\d+\.\d{2}$/) },
          final: [
            { countryCode: "PL", currencyCode: "EUR", value: expect.any(String) },
            { countryCode: "DE", currencyCode: "EUR", value: expect.any(String) },
          ],
        },
        business: expect.any(Object),
      },
      seller: { name: expect.any(String), rating: expect.any(Number), ratingsCount: expect.any(Number) },
      inventory: { range: expect.any(String) },
    });
  });

  it("includes our own active offer under its real id, and leaves it out once inactive", async () => {
    const client = await startTestSandbox();
    const own = await client.createdOfferId(PRODUCTS.SKYOUT, "7.00", { inventory: { size: 42 } });
    for (const path of PATHS) {
      const list = (await competitors(client, path)).body;
      expect(list.data).toHaveLength(4);
      expect(list.data[0]).toMatchObject({
        id: own,
        price: { retail: { base: { value: "7.00" } } },
        inventory: { range: "11-100" },
      });
    }
    await client.completedJob((await client.updateOffer(own, { active: false })).body.data.jobId);
    expect((await competitors(client, PATHS[0] ?? "")).body.data.map((offer) => offer.id)).not.toContain(own);
  });

  it("can switch either path off, which then answers 404", async () => {
    const client = await startTestSandbox();
    await client.settings({ competitorPaths: ["sales"] });
    expect((await competitors(client, PATHS[0] ?? "")).status).toBe(404);
    expect((await competitors(client, PATHS[1] ?? "")).status).toBe(200);
    await client.settings({ competitorPaths: ["products"] });
    expect((await competitors(client, PATHS[0] ?? "")).status).toBe(200);
    expect((await competitors(client, PATHS[1] ?? "")).status).toBe(404);
  });

  it("answers 404 for an unknown product", async () => {
    const client = await startTestSandbox();
    expect((await competitors(client, "/v3/products/99999999999999/offers")).status).toBe(404);
  });

  it("replaces a product's competitors through the control API, keeping our own offer", async () => {
    const client = await startTestSandbox();
    const own = await client.seedOffer({ productId: PRODUCTS.SKYOUT, price: "9.00", inventorySize: 0 });
    const replaced = await client.control<{ offers: Array<{ id: string; price: string }> }>("POST", "/competitors", {
      productId: PRODUCTS.SKYOUT,
      offers: [
        { id: "rival-1", price: "8.49", sellerName: "Rival", rating: 99, ratingsCount: 1234, inventoryRange: "1-10" },
        { price: 10, sellerName: "Other" },
      ],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.offers.map((offer) => offer.price)).toEqual(["8.49", "9.00", "10.00"]);
    const list = (await competitors(client, PATHS[1] ?? "")).body.data;
    expect(list.map((offer) => [offer.id === own.id ? "own" : offer.seller.name, offer.inventory.range])).toEqual([
      ["Rival", "1-10"],
      ["own", "0"],
      ["Other", "11-100"],
    ]);
    expect(list[0]?.seller).toEqual({ name: "Rival", rating: 99, ratingsCount: 1234 });

    const bad = await client.control("POST", "/competitors", { productId: PRODUCTS.SKYOUT, offers: [{ price: "x" }] });
    expect(bad.status).toBe(400);
    const unknown = await client.control("POST", "/competitors", { productId: "1", offers: [] });
    expect(unknown.status).toBe(404);
  });
});
