import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_G2A_SANDBOX_CLIENT } from "@/tools/g2a-sandbox/auth";
import { resolveProducts } from "@/tools/g2a-simulator/products";
import { formatSummary } from "@/tools/g2a-simulator/report";
import { playSales, type OfferShopping } from "@/tools/g2a-simulator/run";
import type { SaleProduct, SaleResult } from "@/tools/g2a-simulator/sale";
import { chooseSale, NO_BUYABLE_OFFER, Storefront, type SaleChoice } from "@/tools/g2a-simulator/storefront";
import { PRODUCTS, seedOffer, startSandbox, type Sandbox, type SandboxOffer } from "../g2a-api/support";

// `--from-offers`: the simulator reads our offers from the local G2A sandbox over real HTTP, as G2A's
// buyers see them, and buys only what is on sale, at the listed price.

const LABELS = { A: "10000000000011 TWTCO", B: "10000000000012 TWICO", C: "10000000000013 TPP" } as const;

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control("reset", {}));

/** A storefront on the sandbox that reads the offers afresh on every look unless told otherwise. */
function storefront(options: { refreshMs?: number; now?: () => number; clientSecret?: string } = {}) {
  return new Storefront({ baseUrl: sandbox.url, ...DEFAULT_G2A_SANDBOX_CLIENT, refreshMs: 0, ...options });
}

/** The choices of `count` sales in a row, as the buyer makes them from one look at the offers. */
async function choices(shop: Storefront, selection: SaleProduct[] | null, count = 3): Promise<SaleChoice[]> {
  const offers = await shop.offers();
  return Array.from({ length: count }, (_, index) => chooseSale(offers, selection, index, 1));
}

const bought = (product: SaleProduct, unitPrice: string): SaleChoice => ({
  kind: "buy",
  product: { ...product, unitPrice },
});
const skipped = (product: string): SaleChoice => ({ kind: "skip", product, reason: NO_BUYABLE_OFFER });
const demo = (list: string) => resolveProducts(list, undefined, 1);

/** Our Import API call, as the app makes it: PATCH the offer with G2A's update body. */
async function patchOffer(offer: SandboxOffer, variant: Record<string, unknown>): Promise<void> {
  const token = await fetch(`${sandbox.url}/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: DEFAULT_G2A_SANDBOX_CLIENT.clientId,
      client_secret: DEFAULT_G2A_SANDBOX_CLIENT.clientSecret,
    }),
  }).then((response) => response.json() as Promise<{ access_token: string }>);
  const response = await fetch(`${sandbox.url}/v3/sales/offers/${offer.id}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${token.access_token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ offerType: offer.type, variant }),
  });
  expect(response.status).toBe(202);
}

const listCalls = async () => (await sandbox.calls()).filter((call) => call === "GET /v3/sales/offers").length;

describe("choosing what to buy from the offers G2A shows", () => {
  it("buys only active offers with stock, at each offer's listed price", async () => {
    await seedOffer(sandbox, { productId: PRODUCTS.A, price: "7.49", inventorySize: 5, active: true });
    await seedOffer(sandbox, { productId: PRODUCTS.B, price: "3.10", inventorySize: 5, active: false });
    await seedOffer(sandbox, { productId: PRODUCTS.C, price: "4.20", inventorySize: 0, active: true });

    expect(await choices(storefront(), null, 4)).toEqual([
      bought(demo("TWTCO")[0]!, "7.49"),
      skipped(LABELS.B),
      skipped(LABELS.C),
      bought(demo("TWTCO")[0]!, "7.49"),
    ]);
  });

  it("sends the offer's price as the unit price, not the demo price", async () => {
    await seedOffer(sandbox, { productId: PRODUCTS.A, price: "11.05", inventorySize: 1, active: true });

    const [choice] = await choices(storefront(), demo("TWTCO"), 1);

    expect(demo("TWTCO")[0]!.unitPrice).toBe("2.00");
    expect(choice).toEqual(bought(demo("TWTCO")[0]!, "11.05"));
  });

  it("shops only the products of the selection, and skips those without an offer", async () => {
    await seedOffer(sandbox, { productId: PRODUCTS.A, price: "7.49", inventorySize: 5, active: true });
    await seedOffer(sandbox, { productId: PRODUCTS.B, price: "3.10", inventorySize: 5, active: true });
    const selection = demo("TWICO,TPP");

    expect(await choices(storefront(), selection, 4)).toEqual([
      bought(selection[0]!, "3.10"),
      skipped(LABELS.C),
      bought(selection[0]!, "3.10"),
      skipped(LABELS.C),
    ]);
  });

  it("does not buy more units than the offer lists", async () => {
    await seedOffer(sandbox, { productId: PRODUCTS.A, price: "7.49", inventorySize: 2, active: true });
    const offers = await storefront().offers();

    expect(chooseSale(offers, resolveProducts("TWTCO", undefined, 3), 0, 3)).toEqual(skipped(LABELS.A));
    expect(chooseSale(offers, resolveProducts("TWTCO", undefined, 2), 0, 2).kind).toBe("buy");
  });

  it("skips every sale while no offer is listed", async () => {
    expect(await choices(storefront(), null, 2)).toEqual([skipped("(no offer listed)"), skipped("(no offer listed)")]);
  });

  it("stops buying an offer G2A deactivates, and buys it again once it is re-activated", async () => {
    const offer = await seedOffer(sandbox, { productId: PRODUCTS.A, price: "7.49", inventorySize: 5, active: true });
    const shop = storefront();
    const selection = demo("TWTCO");
    expect(await choices(shop, selection, 1)).toEqual([bought(selection[0]!, "7.49")]);

    await sandbox.control(`offers/${offer.id}/deactivate`, {});
    expect(await choices(shop, selection, 1)).toEqual([skipped(LABELS.A)]);

    await patchOffer(offer, { active: true, price: { retail: "8.00", business: "8.00" } });
    expect(await choices(shop, selection, 1)).toEqual([bought(selection[0]!, "8.00")]);
  });

  it("reads every page of the offers list", async () => {
    // The app's client reads pages of 100: the 105th offer is on the second page.
    const ids = Array.from({ length: 105 }, (_, index) => String(30000000000000 + index));
    await sandbox.control("products", {
      products: ids.map((id) => ({ id, name: `Product ${id}`, priceLimit: { min: 0.5, max: 50 } })),
    });
    for (const id of ids)
      await seedOffer(sandbox, { productId: id, price: "5.00", inventorySize: 1, active: id === ids.at(-1) });

    const offers = await storefront().offers();

    expect(offers).toHaveLength(105);
    expect(await listCalls()).toBe(2);
    expect(chooseSale(offers, null, 104, 1)).toMatchObject({ kind: "buy", product: { g2aProductId: ids.at(-1) } });
    expect(chooseSale(offers, null, 0, 1)).toEqual(skipped(ids[0]!));
  });

  it("reads the offers once per refresh interval, however many sales look at them", async () => {
    await seedOffer(sandbox, { productId: PRODUCTS.A, price: "7.49", inventorySize: 5, active: true });
    let now = 1_000_000;
    const shop = storefront({ refreshMs: 2_000, now: () => now });

    await Promise.all([shop.offers(), shop.offers(), shop.offers()]);
    now += 1_999;
    await shop.offers();
    expect(await listCalls()).toBe(1);

    now += 1;
    await shop.offers();
    expect(await listCalls()).toBe(2);
  });

  it("fails on credentials the Import API refuses without showing the secret", async () => {
    const secret = "wrong-secret-5b0d3c9e1f";
    const error = await storefront({ clientSecret: secret })
      .offers()
      .then(
        () => null,
        (caught: unknown) => caught as Error,
      );

    expect(error).toMatchObject({ kind: "auth" });
    expect(error?.message).not.toContain(secret);
  });
});

describe("a run that shops from the offers", () => {
  /** A sale that ends with its keys, made by the test in place of the app. */
  const sold: SaleProduct[] = [];
  const sell = async (product: SaleProduct): Promise<SaleResult> => {
    sold.push(product);
    return {
      product,
      outcome: "keys",
      orderStatus: 200,
      timeToKeysMs: 1,
      keys: [],
      errorCode: null,
      unexpected: null,
      returned: 0,
    };
  };
  beforeEach(() => {
    sold.length = 0;
  });

  const shopping = (options: Partial<OfferShopping> = {}): OfferShopping => ({
    storefront: storefront(),
    selection: null,
    quantity: 1,
    skipWaitMs: 0,
    ...options,
  });

  it("sells what is on sale, skips the rest, and counts bought vs skipped per product", async () => {
    await seedOffer(sandbox, { productId: PRODUCTS.A, price: "7.49", inventorySize: 5, active: true });
    await seedOffer(sandbox, { productId: PRODUCTS.B, price: "3.10", inventorySize: 5, active: false });

    const summary = await playSales({ orders: 6, concurrency: 1, progress: false, shopping: shopping() }, sell);

    expect(sold.map((product) => [product.g2aProductId, product.unitPrice])).toEqual([
      [PRODUCTS.A, "7.49"],
      [PRODUCTS.A, "7.49"],
      [PRODUCTS.A, "7.49"],
    ]);
    expect(summary.orders).toBe(3);
    expect(summary.shopping).toEqual({
      offersFrom: sandbox.url,
      bought: 3,
      skipped: 3,
      skippedByProduct: { [LABELS.B]: 3 },
      skippedByReason: { [NO_BUYABLE_OFFER]: 3 },
    });
    const text = formatSummary(summary);
    expect(text).toContain("sales:           6: 3 bought, 3 skipped (no active offer with stock 3)");
    expect(text).toMatch(new RegExp(`${LABELS.A}\\s+keys 3\\n`));
    expect(text).toMatch(new RegExp(`${LABELS.B}\\s+skipped 3`));
  });

  it("keeps going when the offers cannot be read, skipping those sales with the reason", async () => {
    const summary = await playSales(
      {
        orders: 2,
        concurrency: 1,
        progress: false,
        shopping: shopping({ storefront: storefront({ clientSecret: "refused" }), selection: demo("TWTCO") }),
      },
      sell,
    );

    expect(sold).toEqual([]);
    expect(summary.shopping?.skippedByProduct).toEqual({ [LABELS.A]: 2 });
    expect(summary.shopping?.skippedByReason).toEqual({ "offers not readable (auth)": 2 });
  });

  it("plays the products in turn, without a summary of skips, when not shopping from offers", async () => {
    const products = demo("TWTCO,TWICO");

    const summary = await playSales({ orders: 3, concurrency: 1, progress: false, products }, sell);

    expect(sold.map((product) => product.label)).toEqual([LABELS.A, LABELS.B, LABELS.A]);
    expect(summary).not.toHaveProperty("shopping");
    expect(formatSummary(summary)).not.toContain("skipped");
  });
});
