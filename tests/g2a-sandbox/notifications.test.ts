import http from "node:http";
import { describe, expect, it, onTestFinished } from "vitest";
import { PRODUCTS, startTestSandbox, type StateOffer } from "./support";

interface Received {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

interface Merchant {
  baseUrl: string;
  received: Received[];
}

/** A small merchant API: /oauth/token hands out a token, /notifications records what it is sent. */
async function startMerchant(answers: { token?: number; notifications?: number } = {}): Promise<Merchant> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://merchant.invalid");
      received.push({
        method: req.method ?? "",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
        body: text === "" ? null : (JSON.parse(text) as unknown),
      });
      if (url.pathname === "/oauth/token") {
        res.writeHead(answers.token ?? 200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ access_token: "merchant-token", token_type: "bearer", expires_in: 3600 }));
        return;
      }
      res.writeHead(answers.notifications ?? 204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return { baseUrl: `http://127.0.0.1:${port}`, received };
}

interface DeactivateAnswer {
  offer: StateOffer;
  notification: { status: number | null; error?: string } | null;
}

describe("POST /__sim/offers/{offerId}/deactivate", () => {
  it("switches the offer off and pushes auction_deactivated to the merchant, with the merchant's own token", async () => {
    const client = await startTestSandbox();
    const merchant = await startMerchant();
    const offerId = await client.createdOfferId(PRODUCTS.SKYOUT);
    const result = await client.control<DeactivateAnswer>("POST", `/offers/${offerId}/deactivate`, {
      merchant: { baseUrl: merchant.baseUrl, clientId: "g2a-calls-us", clientSecret: "merchant-secret" },
    });
    expect(result.status).toBe(200);
    expect(result.body.offer).toMatchObject({ id: offerId, active: false, status: "inactive" });
    expect(result.body.notification).toEqual({ status: 204 });
    expect((await client.offer(offerId)).body.data).toMatchObject({ active: false, status: "inactive" });

    expect(merchant.received).toHaveLength(2);
    const [token, push] = merchant.received;
    expect(token).toMatchObject({
      method: "GET",
      path: "/oauth/token",
      query: { grant_type: "client_credentials", client_id: "g2a-calls-us", client_secret: "merchant-secret" },
    });
    expect(push).toMatchObject({ method: "POST", path: "/notifications", authorization: "Bearer merchant-token" });
    expect(push?.body).toEqual([
      {
        notification_type: "auction_deactivated",
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
        data: {
          message: "Some of the requested items do not exist",
          auction_id: result.body.offer.auctionId,
          offer_id: offerId,
        },
      },
    ]);
    expect(Number.isInteger(result.body.offer.auctionId)).toBe(true);
  });

  it("uses settings.merchant and a given message", async () => {
    const client = await startTestSandbox();
    const merchant = await startMerchant({ notifications: 200 });
    await client.settings({ merchant: { baseUrl: `${merchant.baseUrl}/`, clientId: "id", clientSecret: "secret" } });
    const offer = await client.seedOffer({ productId: PRODUCTS.NEONDO, price: "5.00" });
    const result = await client.control<DeactivateAnswer>("POST", `/offers/${offer.id}/deactivate`, {
      message: "Price for reservation product is to low",
    });
    expect(result.body.notification).toEqual({ status: 200 });
    expect(merchant.received[1]?.body).toMatchObject([
      { data: { message: "Price for reservation product is to low" } },
    ]);
  });

  it("reports a merchant that refuses or cannot be reached, without failing", async () => {
    const client = await startTestSandbox();
    const refusing = await startMerchant({ token: 401 });
    const offer = await client.seedOffer({ productId: PRODUCTS.NEONDO, price: "5.00" });
    const refused = await client.control<DeactivateAnswer>("POST", `/offers/${offer.id}/deactivate`, {
      merchant: { baseUrl: refusing.baseUrl, clientId: "id", clientSecret: "wrong" },
    });
    expect(refused.status).toBe(200);
    expect(refused.body.notification).toEqual({ status: 401, error: expect.stringContaining("token") });
    expect(refusing.received).toHaveLength(1);

    const rejecting = await startMerchant({ notifications: 500 });
    const rejected = await client.control<DeactivateAnswer>("POST", `/offers/${offer.id}/deactivate`, {
      merchant: { baseUrl: rejecting.baseUrl, clientId: "id", clientSecret: "secret" },
    });
    expect(rejected.body.notification).toEqual({ status: 500 });

    const unreachable = await client.control<DeactivateAnswer>("POST", `/offers/${offer.id}/deactivate`, {
      merchant: { baseUrl: "http://127.0.0.1:1", clientId: "id", clientSecret: "secret" },
    });
    expect(unreachable.status).toBe(200);
    expect(unreachable.body.notification).toEqual({ status: null, error: expect.any(String) });
  });

  it("deactivates without a push when no merchant is known, and answers 404 for an unknown offer", async () => {
    const client = await startTestSandbox();
    const offer = await client.seedOffer({ productId: PRODUCTS.NEONDO, price: "5.00" });
    const result = await client.control<DeactivateAnswer>("POST", `/offers/${offer.id}/deactivate`);
    expect(result.body).toMatchObject({ offer: { active: false }, notification: null });
    expect((await client.control("POST", "/offers/nope/deactivate")).status).toBe(404);
    const bad = await client.control("POST", `/offers/${offer.id}/deactivate`, { merchant: { baseUrl: "x" } });
    expect(bad.status).toBe(400);
  });
});
