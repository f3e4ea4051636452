import { describe, expect, it } from "vitest";
import { kindOfBusinessError } from "@/lib/cws/errors";
import { orderSchema, productSchema, tokenResponseSchema } from "@/lib/cws/schemas";
import { retryAfterSeconds } from "@/lib/cws/transport";

describe("CWS wire formats", () => {
  it("reads the standard token fields and the reference page's model", () => {
    expect(tokenResponseSchema.parse({ access_token: "t1", token_type: "bearer", expires_in: 2029 })).toEqual({
      accessToken: "t1",
      expiresInSeconds: 2029,
    });
    expect(tokenResponseSchema.parse({ value: "t2", expiresIn: 288 })).toEqual({
      accessToken: "t2",
      expiresInSeconds: 288,
    });
    expect(tokenResponseSchema.safeParse({ token_type: "bearer" }).success).toBe(false);
  });

  it("treats a missing field, null and an empty string alike", () => {
    const base = { productId: "p", identifier: "X", name: "X", quantity: 1, prices: [{ value: 1, from: 1, to: null }] };
    expect(productSchema.parse({ ...base, releaseDate: "" }).releaseDate).toBeNull();
    expect(productSchema.parse({ ...base, releaseDate: null, platform: null }).platform).toBe("");
    expect(productSchema.parse(base).regions).toEqual([]);
  });

  it("turns order amounts into cents and keeps codes per line", () => {
    const order = orderSchema.parse({
      orderId: "o",
      clientOrderId: "c",
      identifier: "TOGENERATE-100001",
      totalPrice: 8.38,
      createdOn: "2025-07-14T18:05:31.002Z",
      status: "Fulfilling",
      products: [{ productId: "p", name: "Neon", unitPrice: 4.19, codes: [], links: [] }],
      links: [{ rel: "self", href: "x" }],
    });
    expect(order.totalPriceCents).toBe(838n);
    expect(order.products[0]).toEqual({ productId: "p", name: "Neon", unitPriceCents: 419n, codes: [] });
  });

  it("reads Retry-After in seconds or as an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterSeconds(new Headers({ "Retry-After": "7" }), now)).toBe(7);
    expect(retryAfterSeconds(new Headers({ "Retry-After": "Thu, 01 Jan 2026 00:00:12 GMT" }), now)).toBe(12);
    expect(retryAfterSeconds(new Headers(), now)).toBeUndefined();
    expect(retryAfterSeconds(new Headers({ "Retry-After": "soon" }), now)).toBeUndefined();
  });

  it.each([
    [400, "10002", "balance_too_low"],
    [404, "20001", "product_not_found"],
    [400, "40002", "invalid_quantity"],
    [400, "310003", "out_of_stock"],
    [400, "30001", "price_changed"],
    [404, "30018", "not_found"],
    [404, "50002", "not_found"],
    [400, "0", "bad_request"],
    [403, "0", "forbidden"],
  ] as const)("maps HTTP %i with code %s to %s", (status, code, kind) => {
    expect(kindOfBusinessError(status, code, ["30001"])).toBe(kind);
  });

  it("re-prices on whichever codes are configured as price changes", () => {
    expect(kindOfBusinessError(400, "30002", ["30001", "30002"])).toBe("price_changed");
  });
});
