import { describe, expect, it } from "vitest";
import { PRODUCTS, startTestSandbox, type G2aError } from "./support";

type Simulation = Record<"income" | "businessIncome" | "finalePrice" | "businessFinalPrice", Record<string, unknown>>;

describe("GET /v3/pricing/simulations", () => {
  it("answers unwrapped string maps from the sandbox's default fee model", async () => {
    const client = await startTestSandbox();
    const result = await client.api<Simulation>(
      "GET",
      `/v3/pricing/simulations?productId=${PRODUCTS.SKYOUT}&price=5.98&currency=EUR`,
    );
    expect(result.status).toBe(200);
    // Retail rate 0.10, business rate 0.08, markups ALL 0.10, PL 0.12, DE 0.10: the sandbox's own numbers.
    expect(result.body).toEqual({
      income: { ALL: "5.38" },
      businessIncome: { ALL: "5.50" },
      finalePrice: { ALL: "6.58", PL: "6.70", DE: "6.58" },
      businessFinalPrice: { ALL: "6.58", PL: "6.70", DE: "6.58" },
    });
  });

  it("works without productId", async () => {
    const client = await startTestSandbox();
    const result = await client.api<Simulation>("GET", "/v3/pricing/simulations?price=10");
    expect(result.body.income).toEqual({ ALL: "9.00" });
  });

  it("answers numbers when simulationValues is number", async () => {
    const client = await startTestSandbox();
    await client.settings({ simulationValues: "number" });
    const result = await client.api<Simulation>("GET", "/v3/pricing/simulations?price=5.98");
    expect(result.body.income).toEqual({ ALL: 5.38 });
    expect(result.body.finalePrice).toEqual({ ALL: 6.58, PL: 6.7, DE: 6.58 });
  });

  it("follows a custom fee model, with a fixed fee and other countries", async () => {
    const client = await startTestSandbox();
    await client.settings({
      feeModel: {
        retail: { rate: 0.15, fixed: 0.25 },
        business: { rate: 0.05, fixed: 0 },
        buyerMarkup: { PL: null, DE: null, FR: 0.2 },
      },
    });
    const result = await client.api<Simulation>("GET", "/v3/pricing/simulations?price=8.02");
    // 8.02 × 0.85 − 0.25 = 6.567 → 6.57; 8.02 × 0.95 = 7.619 → 7.62; 8.02 × 1.2 = 9.624 → 9.62.
    expect(result.body).toEqual({
      income: { ALL: "6.57" },
      businessIncome: { ALL: "7.62" },
      finalePrice: { ALL: "8.82", FR: "9.62" },
      businessFinalPrice: { ALL: "8.82", FR: "9.62" },
    });
  });

  it("answers 400 for a missing or invalid price, another currency or an unknown product", async () => {
    const client = await startTestSandbox();
    for (const query of [
      "",
      "?price=",
      "?price=0",
      "?price=-1",
      "?price=abc",
      "?price=1.234",
      "?price=5&currency=USD",
      "?price=5&productId=1",
    ]) {
      const result = await client.api<G2aError>("GET", `/v3/pricing/simulations${query}`);
      expect(result.status, query).toBe(400);
      expect(result.body.errors).toHaveLength(1);
    }
  });
});
