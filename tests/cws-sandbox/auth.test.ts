import { describe, expect, it } from "vitest";
import { CLIENT_ID, CLIENT_SECRET, sleep, startTestSimulator } from "./support";

const GOOD = { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

describe("POST /oauth/token", () => {
  it("issues a UUID bearer token from a form body, with no-store headers", async () => {
    const client = await startTestSimulator();
    const result = await client.tokenRequest(GOOD);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ access_token: expect.stringMatching(UUID), token_type: "bearer", expires_in: 3600 });
    expect(result.headers.get("cache-control")).toBe("no-store");
    expect(result.headers.get("pragma")).toBe("no-cache");
    expect(result.headers.get("content-type")).toBe("application/json;charset=UTF-8");
  });

  it("accepts the parameters in the query string of a POST with an empty body", async () => {
    const client = await startTestSimulator();
    const result = await client.request<Record<string, unknown>>("POST", `/oauth/token?${new URLSearchParams(GOOD)}`);
    expect(result.status).toBe(200);
    expect(result.body.token_type).toBe("bearer");
  });

  it("accepts client credentials in a Basic header with grant_type in the form body", async () => {
    const client = await startTestSimulator();
    const result = await client.tokenRequest(
      { grant_type: "client_credentials" },
      { headers: { Authorization: basic(CLIENT_ID, CLIENT_SECRET) } },
    );
    expect(result.status).toBe(200);
  });

  it("takes each parameter from the first source that has it: form, then query, then Basic", async () => {
    const client = await startTestSimulator();
    const wrongInQuery = new URLSearchParams({ client_secret: "wrong" });
    const formWins = await client.request("POST", `/oauth/token?${wrongInQuery}`, {
      rawBody: new URLSearchParams(GOOD).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(formWins.status).toBe(200);
    const queryBeatsBasic = await client.request("POST", `/oauth/token?${wrongInQuery}`, {
      rawBody: "grant_type=client_credentials",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: basic(CLIENT_ID, CLIENT_SECRET) },
    });
    expect(queryBeatsBasic.status).toBe(401);
  });

  it("returns the same token with its remaining lifetime while it is valid", async () => {
    const client = await startTestSimulator();
    const first = await client.tokenRequest(GOOD);
    await sleep(1100);
    const second = await client.tokenRequest(GOOD);
    expect(second.body.access_token).toBe(first.body.access_token);
    // ceil of the remaining ~3598.9 s; a slow machine may lose another second or two.
    expect(second.body.expires_in).toBeLessThanOrEqual(3599);
    expect(second.body.expires_in).toBeGreaterThanOrEqual(3597);
    expect((await client.state()).counters.tokensIssued).toBe(1);
  });

  it("issues a new token once the old one has expired, and never reports less than 1 s", async () => {
    const client = await startTestSimulator({ tokenTtlSeconds: 1 });
    const first = await client.tokenRequest(GOOD);
    expect(first.body.expires_in).toBe(1);
    const reused = await client.tokenRequest(GOOD);
    expect(reused.body).toMatchObject({ access_token: first.body.access_token, expires_in: 1 });
    await sleep(1050);
    const renewed = await client.tokenRequest(GOOD);
    expect(renewed.body.access_token).not.toBe(first.body.access_token);
    expect(renewed.body.expires_in).toBe(1);
  });

  it("accepts extra clients given as id:secret pairs, split at the first colon", async () => {
    const client = await startTestSimulator({ clients: "live-ish:s3cr:et,other:x" });
    const extra = await client.tokenRequest({
      grant_type: "client_credentials",
      client_id: "live-ish",
      client_secret: "s3cr:et",
    });
    expect(extra.status).toBe(200);
    const shared = await client.tokenRequest(GOOD);
    expect(shared.body.access_token).not.toBe(extra.body.access_token);
  });

  it.each([
    [
      "a missing grant_type",
      { client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
      400,
      { error: "invalid_request", error_description: "Missing grant type" },
    ],
    [
      "another grant_type",
      { ...GOOD, grant_type: "password" },
      400,
      { error: "unsupported_grant_type", error_description: "Unsupported grant type: password" },
    ],
    [
      "a wrong secret",
      { ...GOOD, client_secret: "nope" },
      401,
      { error: "invalid_client", error_description: "Bad client credentials" },
    ],
    [
      "an unknown client",
      { ...GOOD, client_id: "unknown" },
      401,
      { error: "invalid_client", error_description: "Bad client credentials" },
    ],
    [
      "missing credentials",
      { grant_type: "client_credentials" },
      401,
      { error: "invalid_client", error_description: "Bad client credentials" },
    ],
  ])("refuses %s", async (_case, params: Record<string, string>, status, body) => {
    const client = await startTestSimulator();
    const result = await client.tokenRequest(params);
    expect(result.status).toBe(status);
    expect(result.body).toEqual(body);
  });

  it("answers GET with the OAuth-style 405", async () => {
    const client = await startTestSimulator();
    const result = await client.request("GET", "/oauth/token");
    expect(result.status).toBe(405);
    expect(result.body).toEqual({
      error: "method_not_allowed",
      error_description: "Request method 'GET' not supported",
    });
  });
});

describe("bearer authentication on /v3", () => {
  it.each([
    ["no Authorization header", undefined],
    ["another scheme", basic(CLIENT_ID, CLIENT_SECRET)],
  ])("answers 401 unauthorized for %s", async (_case, authorization) => {
    const client = await startTestSimulator();
    const result = await client.request("GET", "/v3/accounts/current", {
      headers: authorization ? { Authorization: authorization } : {},
    });
    expect(result.status).toBe(401);
    expect(result.body).toEqual({
      error: "unauthorized",
      error_description: "Full authentication is required to access this resource",
    });
  });

  it("answers 401 invalid_token with WWW-Authenticate for an unknown token", async () => {
    const client = await startTestSimulator();
    const result = await client.request("GET", "/v3/accounts/current", {
      headers: { Authorization: `Bearer ${crypto.randomUUID()}` },
    });
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: "invalid_token", error_description: "Invalid access token" });
    expect(result.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
  });

  it("matches the scheme without regard to case, and refuses the token after expire-tokens", async () => {
    const client = await startTestSimulator();
    const token = await client.token();
    const lower = await client.request("GET", "/v3/accounts/current", {
      headers: { Authorization: `bearer ${token}` },
    });
    expect(lower.status).toBe(200);
    expect((await client.control("POST", "/expire-tokens")).status).toBe(204);
    const expired = await client.request<Record<string, unknown>>("GET", "/v3/accounts/current", {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe("invalid_token");
    const fresh = await client.tokenRequest(GOOD);
    expect(fresh.body.access_token).not.toBe(token);
    expect(fresh.body.expires_in).toBe(3600);
  });
});
