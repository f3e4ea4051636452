import { describe, expect, it } from "vitest";
import { manyProducts, PRODUCTS, startTestSandbox, type G2aOffer, type SandboxClient } from "./support";

interface OfferList {
  data: G2aOffer[];
  meta: { page: number; itemsPerPage: number; totalResults: number };
}

const list = (client: SandboxClient, query = "") => client.api<OfferList>("GET", `/v3/sales/offers${query}`);

describe("GET /v3/sales/offers", () => {
  it("pages through 250 offers 100 at a time, with meta", async () => {
    const products = manyProducts(250);
    const client = await startTestSandbox({ products });
    for (const product of products) await client.seedOffer({ productId: product.id });

    const pages: OfferList[] = [];
    for (let page = 1; page <= 4; page++) pages.push((await list(client, `?page=${page}&itemsPerPage=100`)).body);
    expect(pages.map((page) => page.data.length)).toEqual([100, 100, 50, 0]);
    expect(pages.map((page) => page.meta)).toEqual(
      [1, 2, 3, 4].map((page) => ({ page, itemsPerPage: 100, totalResults: 250 })),
    );
    const ids = pages.flatMap((page) => page.data.map((offer) => offer.product.id));
    expect(ids).toEqual(products.map((product) => product.id));
  });

  it("uses page 1 and 20 items unless told, and refuses more than 100 items per page", async () => {
    const client = await startTestSandbox({ products: manyProducts(25) });
    for (const product of manyProducts(25)) await client.seedOffer({ productId: product.id });
    const first = await list(client);
    expect(first.body.meta).toEqual({ page: 1, itemsPerPage: 20, totalResults: 25 });
    for (const query of [
      "?itemsPerPage=101",
      "?itemsPerPage=0",
      "?page=0",
      "?page=x",
      "?active=maybe",
      "?updatedAtFrom=yesterday",
    ]) {
      const refused = await client.api<{ code: string; errors: unknown[] }>("GET", `/v3/sales/offers${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body.errors).toHaveLength(1);
    }
  });

  it("filters on active, type[] and updatedAtFrom, and never lists hidden offers", async () => {
    const client = await startTestSandbox();
    await client.seedOffer({ productId: PRODUCTS.TWTCO, updatedAt: "2025-01-01T10:00:00Z" });
    await client.seedOffer({ productId: PRODUCTS.SKYOUT, active: false, updatedAt: "2025-03-01T10:00:00Z" });
    await client.seedOffer({ productId: PRODUCTS.NEONDO, type: "game", updatedAt: "2025-05-01T10:00:00Z" });
    await client.seedOffer({ productId: PRODUCTS.MISTVH, hidden: true });

    const productsOf = async (query: string) => (await list(client, query)).body.data.map((offer) => offer.product.id);
    expect(await productsOf("")).toEqual([PRODUCTS.TWTCO, PRODUCTS.SKYOUT, PRODUCTS.NEONDO]);
    expect(await productsOf("?active=true")).toEqual([PRODUCTS.TWTCO, PRODUCTS.NEONDO]);
    expect(await productsOf("?active=false")).toEqual([PRODUCTS.SKYOUT]);
    expect(await productsOf("?type[]=game")).toEqual([PRODUCTS.NEONDO]);
    expect(await productsOf(`?${encodeURI("type[]=game&type[]=dropshipping")}&active=true`)).toEqual([
      PRODUCTS.TWTCO,
      PRODUCTS.NEONDO,
    ]);
    expect(await productsOf(`?updatedAtFrom=${encodeURIComponent("2025-03-01 10:00:00")}`)).toEqual([
      PRODUCTS.SKYOUT,
      PRODUCTS.NEONDO,
    ]);
    expect(await productsOf("?updatedAtFrom=2025-03-01T10:00:01Z")).toEqual([PRODUCTS.NEONDO]);
    expect((await list(client, "?active=true")).body.meta.totalResults).toBe(2);
  });
});
