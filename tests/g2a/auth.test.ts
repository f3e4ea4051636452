import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rotateG2aCredentials, upsertConfiguredG2aCredentials } from "@/lib/g2a/credentials";
import { startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import { G2aCaller, type G2aAnswer } from "../support/g2a-caller";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;

beforeAll(async () => {
  ({ sandbox, app, g2a } = await startAppWithSandbox());
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));
beforeEach(async () => {
  await app.db.g2aAccessToken.deleteMany();
});

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

type TokenCall = {
  query?: Record<string, string>;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
};

/** One call to the token endpoint, never with a bearer token. */
function tokenCall(method: "GET" | "POST", call: TokenCall = {}): Promise<G2aAnswer> {
  const query = call.query ? `?${new URLSearchParams(call.query)}` : "";
  const headers = { ...call.headers, ...(call.contentType ? { "Content-Type": call.contentType } : {}) };
  return g2a.raw(method, `/oauth/token${query}`, { body: call.body, headers, auth: false });
}

function validParams(): Record<string, string> {
  return {
    grant_type: "client_credentials",
    client_id: app.credentials.clientId,
    client_secret: app.credentials.clientSecret,
  };
}

function form(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

function expectToken(answer: G2aAnswer): string {
  expect(answer.status, answer.text).toBe(200);
  const body = answer.body as { access_token: string };
  expect(body).toEqual({ access_token: expect.stringMatching(UUID_V4), token_type: "bearer", expires_in: 3600 });
  return body.access_token;
}

function expectError(answer: G2aAnswer, status: number, code: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.body).toEqual({ code, message: expect.any(String) });
  expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(answer.headers.get("cache-control")).toBe("no-store, no-transform");
}

async function healthcheck(authorization?: string): Promise<G2aAnswer> {
  return g2a.raw("GET", "/healthcheck", {
    auth: false,
    headers: authorization === undefined ? {} : { Authorization: authorization },
  });
}

async function freshToken(): Promise<string> {
  return expectToken(await tokenCall("GET", { query: validParams() }));
}

describe("token endpoint: where the parameters come from (§4.2)", () => {
  it("issues a token for a GET with the three query parameters, exactly as documented", async () => {
    const answer = await tokenCall("GET", { query: validParams() });
    const token = expectToken(answer);
    expect(Object.keys(answer.body as object).sort()).toEqual(["access_token", "expires_in", "token_type"]);
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(answer.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(answer.headers.get("pragma")).toBe("no-cache");
    expect((await healthcheck(`Bearer ${token}`)).status).toBe(204);
  });

  it("issues a token for a POST with a form body, whether declared, undeclared or declared as text", async () => {
    const tokens = [
      expectToken(
        await tokenCall("POST", { body: form(validParams()), contentType: "application/x-www-form-urlencoded" }),
      ),
      expectToken(await tokenCall("POST", { body: Buffer.from(form(validParams())) })),
      expectToken(await tokenCall("POST", { body: form(validParams()), contentType: "text/plain" })),
    ];
    for (const token of tokens) expect((await healthcheck(`Bearer ${token}`)).status).toBe(204);
  });

  it("issues a token for a POST with a JSON body when the Content-Type contains json", async () => {
    expectToken(await tokenCall("POST", { body: validParams() }));
    expectToken(
      await tokenCall("POST", { body: JSON.stringify(validParams()), contentType: "application/json; charset=utf-8" }),
    );
    expectToken(
      await tokenCall("POST", { body: JSON.stringify(validParams()), contentType: "application/vnd.api+json" }),
    );
  });

  it("does not read a JSON body whose Content-Type does not say json (it is a form then)", async () => {
    const answer = await tokenCall("POST", { body: JSON.stringify(validParams()), contentType: "text/plain" });
    expectError(answer, 400, "BAD_REQUEST");
  });

  it("takes the credentials from an HTTP Basic header, with grant_type in the body or the query", async () => {
    const header = { Authorization: basic(app.credentials.clientId, app.credentials.clientSecret) };
    expectToken(
      await tokenCall("POST", {
        body: form({ grant_type: "client_credentials" }),
        contentType: "application/x-www-form-urlencoded",
        headers: header,
      }),
    );
    expectToken(await tokenCall("POST", { body: { grant_type: "client_credentials" }, headers: header }));
    expectToken(await tokenCall("GET", { query: { grant_type: "client_credentials" }, headers: header }));
    expectToken(await tokenCall("POST", { query: { grant_type: "client_credentials" }, headers: header }));
  });

  it("merges the sources parameter by parameter: grant_type in the body, the credentials in the query", async () => {
    const { grant_type, ...credentials } = validParams();
    expectToken(
      await tokenCall("POST", {
        body: form({ grant_type: grant_type ?? "" }),
        contentType: "application/x-www-form-urlencoded",
        query: credentials,
      }),
    );
  });

  it("lets the body win over the query, for a form body and for a JSON body", async () => {
    const wrong = { ...validParams(), client_secret: "not-the-secret" };
    expectToken(
      await tokenCall("POST", {
        body: form(validParams()),
        contentType: "application/x-www-form-urlencoded",
        query: wrong,
      }),
    );
    expectError(
      await tokenCall("POST", {
        body: form(wrong),
        contentType: "application/x-www-form-urlencoded",
        query: validParams(),
      }),
      401,
      "UNAUTHORIZED",
    );
    expectToken(await tokenCall("POST", { body: validParams(), query: wrong }));
    expectError(await tokenCall("POST", { body: wrong, query: validParams() }), 401, "UNAUTHORIZED");
  });

  it("lets the query win over the Basic header", async () => {
    const { clientId, clientSecret } = app.credentials;
    expectToken(
      await tokenCall("GET", { query: validParams(), headers: { Authorization: basic(clientId, "not-the-secret") } }),
    );
    const wrongQuery = { ...validParams(), client_secret: "not-the-secret" };
    expectError(
      await tokenCall("GET", { query: wrongQuery, headers: { Authorization: basic(clientId, clientSecret) } }),
      401,
      "UNAUTHORIZED",
    );
  });

  it("lets the body win over the Basic header", async () => {
    const { clientId, clientSecret } = app.credentials;
    const wrong = { ...validParams(), client_id: "0123456789abcdef0123456789abcdef" };
    expectError(
      await tokenCall("POST", { body: wrong, headers: { Authorization: basic(clientId, clientSecret) } }),
      401,
      "UNAUTHORIZED",
    );
  });
});

describe("token endpoint: checks, in order (§4.2)", () => {
  const valid = () => validParams();
  const without = (name: string) => Object.fromEntries(Object.entries(valid()).filter(([key]) => key !== name));

  const cases: Array<{
    name: string;
    call: () => [method: "GET" | "POST", call: TokenCall];
    status: number;
    code: string;
  }> = [
    {
      name: "a declared-JSON body that is malformed, even with valid query parameters",
      call: () => ["POST", { body: '{"grant_type":', contentType: "application/json", query: valid() }],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "a declared-JSON body that is an array",
      call: () => ["POST", { body: "[]", contentType: "application/json", query: valid() }],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "a declared-JSON body that is a string",
      call: () => ["POST", { body: '"client_credentials"', contentType: "application/json", query: valid() }],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "a declared-JSON body that is null",
      call: () => ["POST", { body: "null", contentType: "application/json", query: valid() }],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "a declared-JSON body with bytes that are not UTF-8",
      call: () => ["POST", { body: Buffer.from([0x7b, 0xff, 0x7d]), contentType: "application/json", query: valid() }],
      status: 400,
      code: "BAD_REQUEST",
    },
    { name: "no parameters at all", call: () => ["GET", {}], status: 400, code: "BAD_REQUEST" },
    {
      name: "a missing grant_type",
      call: () => ["GET", { query: without("grant_type") }],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "grant_type password",
      call: () => ["GET", { query: { ...valid(), grant_type: "password" } }],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "grant_type in another case",
      call: () => ["GET", { query: { ...valid(), grant_type: "CLIENT_CREDENTIALS" } }],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "a wrong grant_type with wrong credentials (the grant is checked first)",
      call: () => ["GET", { query: { ...valid(), grant_type: "authorization_code", client_secret: "nope" } }],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "a missing client_id",
      call: () => ["GET", { query: without("client_id") }],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "a missing client_secret",
      call: () => ["GET", { query: without("client_secret") }],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "a missing client_secret with an unknown client_id (missing is checked before matching)",
      call: () => [
        "GET",
        { query: { grant_type: "client_credentials", client_id: "0123456789abcdef0123456789abcdef" } },
      ],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "a JSON client_id that is not a string",
      call: () => ["POST", { body: { ...valid(), client_id: 12345 } }],
      status: 400,
      code: "BAD_REQUEST",
    },
    {
      name: "the right client_id with a wrong secret",
      call: () => ["GET", { query: { ...valid(), client_secret: "x".repeat(32) } }],
      status: 401,
      code: "UNAUTHORIZED",
    },
    {
      name: "the right client_id with the secret in another case",
      call: () => ["GET", { query: { ...valid(), client_secret: app.credentials.clientSecret.toUpperCase() } }],
      status: 401,
      code: "UNAUTHORIZED",
    },
    {
      name: "an unknown client_id with the right secret",
      call: () => ["GET", { query: { ...valid(), client_id: "0123456789abcdef0123456789abcdef" } }],
      status: 401,
      code: "UNAUTHORIZED",
    },
    {
      name: "a POST form with a wrong secret",
      call: () => [
        "POST",
        { body: form({ ...valid(), client_secret: "wrong" }), contentType: "application/x-www-form-urlencoded" },
      ],
      status: 401,
      code: "UNAUTHORIZED",
    },
  ];

  it.each(cases)("answers $status $code to $name, and issues no token", async ({ call, status, code }) => {
    const [method, request] = call();
    const answer = await tokenCall(method, request);
    expectError(answer, status, code);
    expect(answer.text).not.toContain(app.credentials.clientSecret);
    expect(await app.db.g2aAccessToken.count()).toBe(0);
  });
});

describe("token endpoint: issuing and storing tokens (§4.1, §4.2)", () => {
  it("issues a new token on every call, and earlier tokens stay valid", async () => {
    const tokens = [await freshToken(), await freshToken(), await freshToken()];
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) expect((await healthcheck(`Bearer ${token}`)).status).toBe(204);
    expect(await app.db.g2aAccessToken.count()).toBe(3);
  });

  it("stores tokens only as SHA-256 hashes with a one-hour expiry, and the secret only as a hash", async () => {
    const token = await freshToken();
    const rows = await app.db.g2aAccessToken.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(sha256(token));
    expect((rows[0]?.expiresAt.getTime() ?? 0) - (rows[0]?.createdAt.getTime() ?? 0)).toBe(3600 * 1000);
    expect(JSON.stringify(rows)).not.toContain(token);

    const client = await app.db.g2aClient.findUniqueOrThrow({ where: { clientId: app.credentials.clientId } });
    expect(client.secretHash).toBe(sha256(app.credentials.clientSecret));
    expect(JSON.stringify(await app.db.g2aClient.findMany())).not.toContain(app.credentials.clientSecret);
  });

  it("never writes the clear token or secret into the database files", async () => {
    const token = await freshToken();
    const [main] = await app.db.$queryRawUnsafe<Array<{ file: string }>>("PRAGMA database_list");
    const files = [main?.file ?? "", `${main?.file}-wal`, `${main?.file}-journal`].filter(
      (file) => file && fs.existsSync(file),
    );
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((file) => fs.readFileSync(file)));
    expect(bytes.includes(sha256(token)), "the token's hash is stored").toBe(true);
    expect(bytes.includes(token), "the clear token is stored").toBe(false);
    expect(bytes.includes(app.credentials.clientSecret), "the clear secret is stored").toBe(false);
  });
});

type Route = { method: string; path: string; body?: unknown; authorised: number };

const SOME_UUID = "2a121cfe-8e7e-4ec2-a189-1738a43cc5e6";
/** Every route but the token endpoint, with a request whose answer after authentication is known without CWS. */
const ROUTES: Route[] = [
  { method: "GET", path: "/healthcheck", authorised: 204 },
  { method: "POST", path: "/reservation", body: [], authorised: 400 },
  { method: "PUT", path: `/reservation/${SOME_UUID}`, authorised: 404 },
  { method: "DELETE", path: `/reservation/${SOME_UUID}`, authorised: 404 },
  {
    method: "POST",
    path: "/order",
    body: { reservation_id: SOME_UUID, g2a_order_id: 80201000000192 },
    authorised: 404,
  },
  { method: "GET", path: `/order/${SOME_UUID}/inventory`, authorised: 404 },
  { method: "DELETE", path: `/order/${SOME_UUID}/inventory?id[]=${SOME_UUID}`, authorised: 404 },
  { method: "GET", path: `/order/${SOME_UUID}/inventory/${SOME_UUID}`, authorised: 404 },
  { method: "GET", path: `/order/${SOME_UUID}/inventory/${SOME_UUID}/account`, authorised: 404 },
  { method: "POST", path: "/notifications", body: [], authorised: 204 },
];

describe("bearer token on every other route (§4.3)", () => {
  async function expiredToken(): Promise<string> {
    const token = await freshToken();
    await app.db.g2aAccessToken.update({
      where: { tokenHash: sha256(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    return token;
  }

  function call(route: Route, authorization: string | undefined): Promise<G2aAnswer> {
    return g2a.raw(route.method, route.path, {
      body: route.body,
      auth: false,
      headers: authorization === undefined ? {} : { Authorization: authorization },
    });
  }

  function expectUnauthorized(answer: G2aAnswer, label: string): void {
    expect(answer.status, `${label}: ${answer.text}`).toBe(401);
    expect(answer.body, label).toEqual({ code: "UNAUTHORIZED", message: expect.any(String) });
    expect(answer.headers.get("www-authenticate"), label).toBe("Bearer");
    expect(answer.headers.get("cache-control"), label).toBe("no-store, no-transform");
  }

  it("answers the documented 401 body to a healthcheck without a token", async () => {
    const answer = await healthcheck();
    expectUnauthorized(answer, "no header");
    expect(answer.body).toEqual({ code: "UNAUTHORIZED", message: "missing bearer token" });
  });

  it.each(ROUTES)("$method $path refuses a missing, malformed, unknown or expired token with 401", async (route) => {
    const valid = await freshToken();
    const expired = await expiredToken();
    const refused: Record<string, string | undefined> = {
      "no header": undefined,
      "an empty header": "",
      "the Basic scheme with the client credentials": basic(app.credentials.clientId, app.credentials.clientSecret),
      "another scheme": `Token ${valid}`,
      "a token without a scheme": valid,
      "the scheme without a token": "Bearer",
      "the scheme and blanks": "Bearer    ",
      "two tokens": `Bearer ${valid} ${valid}`,
      "a token with a suffix": `Bearer ${valid}x`,
      "the token in another case": `Bearer ${valid.toUpperCase()}`,
      "an unknown token": `Bearer ${randomUUID()}`,
      "an expired token": `Bearer ${expired}`,
    };
    for (const [label, header] of Object.entries(refused)) expectUnauthorized(await call(route, header), label);
  });

  it.each(ROUTES)("$method $path accepts the Bearer scheme in any case, with surrounding whitespace", async (route) => {
    const valid = await freshToken();
    for (const header of [
      `Bearer ${valid}`,
      `bearer ${valid}`,
      `BEARER ${valid}`,
      `  Bearer   ${valid}  `,
      `\tbEaReR\t${valid}\t`,
    ]) {
      const answer = await call(route, header);
      expect(answer.status, `${JSON.stringify(header)}: ${answer.text}`).toBe(route.authorised);
    }
  });

  it("accepts a token until its expiry, then refuses it", async () => {
    const token = await freshToken();
    await app.db.g2aAccessToken.update({
      where: { tokenHash: sha256(token) },
      data: { expiresAt: new Date(Date.now() + 60_000) },
    });
    expect((await healthcheck(`Bearer ${token}`)).status).toBe(204);
    await app.db.g2aAccessToken.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date() } });
    expectUnauthorized(await healthcheck(`Bearer ${token}`), "expired now");
  });
});

describe("credential rotation (§4.1)", () => {
  it("revokes every token of the old pair and the old secret; the new pair works", async () => {
    const { clientId, clientSecret } = app.credentials;
    const oldTokens = [await freshToken(), await freshToken()];
    const old = await app.db.g2aClient.findUniqueOrThrow({ where: { clientId } });
    try {
      const rotated = await rotateG2aCredentials(app.db, old.id);
      expect(rotated.clientId).toMatch(/^[0-9a-f]{32}$/);
      expect(rotated.clientSecret).toMatch(/^[A-Za-z0-9_-]{48}$/);

      for (const token of oldTokens) expectError(await healthcheck(`Bearer ${token}`), 401, "UNAUTHORIZED");
      expect(await app.db.g2aAccessToken.count({ where: { clientId: old.id } })).toBe(0);
      expectError(await tokenCall("GET", { query: validParams() }), 401, "UNAUTHORIZED");
      expectError(
        await tokenCall("GET", { query: { ...validParams(), client_id: rotated.clientId } }),
        401,
        "UNAUTHORIZED",
      );

      const fresh = expectToken(
        await tokenCall("GET", {
          query: { grant_type: "client_credentials", client_id: rotated.clientId, client_secret: rotated.clientSecret },
        }),
      );
      expect((await healthcheck(`Bearer ${fresh}`)).status).toBe(204);
      expect((await app.db.g2aClient.findUniqueOrThrow({ where: { clientId: rotated.clientId } })).secretHash).toBe(
        sha256(rotated.clientSecret),
      );
    } finally {
      // Later tests (and reruns) use the harness's pair again.
      await upsertConfiguredG2aCredentials(app.db, clientId, clientSecret);
    }
  });
});
