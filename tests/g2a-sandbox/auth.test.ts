import { describe, expect, it, vi } from "vitest";
import { CLIENT, PRODUCTS, sleep, startTestSandbox, type G2aError } from "./support";

const GOOD = { grant_type: "client_credentials", client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret };

describe("POST /oauth/token", () => {
  it("issues a bearer token for the default sandbox client, with a form body", async () => {
    const client = await startTestSandbox();
    const result = await client.tokenRequest(GOOD);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ access_token: expect.any(String), token_type: "bearer", expires_in: 3600 });
    expect(result.headers.get("cache-control")).toBe("no-store");
  });

  it("also accepts a JSON body and GET with a query string", async () => {
    const client = await startTestSandbox();
    const json = await client.request<Record<string, unknown>>("POST", "/oauth/token", { body: GOOD });
    expect(json.status).toBe(200);
    const query = await client.request<Record<string, unknown>>("GET", `/oauth/token?${new URLSearchParams(GOOD)}`);
    expect(query.status).toBe(200);
    expect(query.body.access_token).not.toBe(json.body.access_token);
  });

  it("answers 401 for bad credentials and 400 for another grant type", async () => {
    const client = await startTestSandbox();
    const wrong = await client.tokenRequest({ ...GOOD, client_secret: "nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ status: "ERROR", code: "AUTH02", message: expect.any(String) });
    expect((await client.tokenRequest({ ...GOOD, client_id: "someone" })).status).toBe(401);
    expect((await client.tokenRequest({ ...GOOD, grant_type: "password" })).status).toBe(400);
  });

  it("accepts only the configured clients when clients are given", async () => {
    const client = await startTestSandbox({ clients: [{ clientId: "mine", clientSecret: "s3cret-of-mine" }] });
    expect((await client.tokenRequest(GOOD)).status).toBe(401);
    const mine = await client.tokenRequest({ ...GOOD, client_id: "mine", client_secret: "s3cret-of-mine" });
    expect(mine.status).toBe(200);
  });

  it("takes a token lifetime from tokenTtlSeconds", async () => {
    const client = await startTestSandbox({ tokenTtlSeconds: 5 });
    expect((await client.tokenRequest(GOOD)).body.expires_in).toBe(5);
  });
});

describe("bearer tokens", () => {
  it("lets one token serve many calls, and counts token requests", async () => {
    const client = await startTestSandbox();
    for (let i = 0; i < 5; i++) expect((await client.api("GET", "/v3/sales/offers")).status).toBe(200);
    expect((await client.state()).tokenRequests).toBe(1);
    await client.token();
    await client.tokenRequest({ ...GOOD, client_secret: "wrong" });
    expect((await client.state()).tokenRequests).toBe(3);
  });

  it("answers 401 without a token, with an unknown one, and once a 1 s token has expired", async () => {
    const client = await startTestSandbox({ tokenTtlSeconds: 1 });
    const missing = await client.request<G2aError>("GET", "/v3/sales/offers");
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ status: "ERROR", code: "AUTH01", message: "No Authorization header" });
    const unknown = await client.request<G2aError>("GET", "/v3/sales/offers", {
      headers: { Authorization: "Bearer not-a-token" },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe("AUTH02");

    const token = await client.token();
    const authorization = { headers: { Authorization: `Bearer ${token}` } };
    expect((await client.request("GET", `/v3/sales/products/${PRODUCTS.SKYOUT}/offers`, authorization)).status).toBe(
      200,
    );
    await sleep(1100);
    expect((await client.request("GET", "/v3/sales/offers", authorization)).status).toBe(401);
    await client.token();
    expect((await client.api("GET", "/v3/sales/offers")).status).toBe(200);
    expect((await client.state()).tokenRequests).toBe(2);
  });

  it("needs a token on every API path", async () => {
    const client = await startTestSandbox();
    const paths = [
      ["POST", "/v3/sales/offers"],
      ["GET", "/v3/sales/offers/abc"],
      ["PATCH", "/v3/sales/offers/abc"],
      ["DELETE", "/v3/sales/offers/abc"],
      ["GET", "/v3/jobs/abc"],
      ["GET", "/v3/pricing/simulations?price=1.00"],
      ["GET", `/v3/products/${PRODUCTS.SKYOUT}/offers`],
      ["GET", `/v3/sales/products/${PRODUCTS.SKYOUT}/offers`],
    ];
    for (const [method = "", path = ""] of paths) expect((await client.request(method, path)).status).toBe(401);
  });
});

describe("request log lines", () => {
  it("name method, path, status and duration, never a secret or a token", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    try {
      const client = await startTestSandbox({ log: true });
      const token = await client.token();
      await client.request("GET", `/oauth/token?${new URLSearchParams(GOOD)}`);
      await client.api("GET", "/v3/sales/offers?page=1");
      await sleep(20);
      expect(lines).toHaveLength(3);
      expect(lines[2]).toMatch(/^\S+Z GET \/v3\/sales\/offers 200 \d+ms$/);
      for (const line of lines) {
        expect(line).not.toContain(CLIENT.clientSecret);
        expect(line).not.toContain(token);
        expect(line).not.toContain("?");
      }
    } finally {
      spy.mockRestore();
    }
  });
});
