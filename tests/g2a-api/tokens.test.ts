import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { G2aApiAuthError, G2aApiUnavailableError } from "@/lib/g2a-api";
import { DEFAULT_G2A_SANDBOX_CLIENT } from "@/tools/g2a-sandbox/server";
import type { TestDb } from "../support/test-db";
import { withSandboxPerTest } from "./per-test";
import {
  PRODUCTS,
  captureLogger,
  createSandboxClient,
  errorOf,
  seedOffer,
  startSandbox,
  type Sandbox,
} from "./support";

let sandbox: Sandbox;
let testDb: TestDb;

withSandboxPerTest((setup) => ({ sandbox, testDb } = setup));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("G2A Import API client: tokens", () => {
  it("asks for one token for many calls, and another client on the same database reuses it", async () => {
    const { client, vault } = createSandboxClient(sandbox, testDb);
    for (let call = 0; call < 5; call++) await client.listOffers();
    await createSandboxClient(sandbox, testDb, {}, vault).client.listOffers();
    const state = await sandbox.state();
    expect(state.tokenRequests).toBe(1);
    expect(state.requests.filter((request) => request.path === "/v3/sales/offers")).toHaveLength(6);
  });

  it("asks for the token once when many calls start together", async () => {
    const { client } = createSandboxClient(sandbox, testDb);
    await Promise.all(Array.from({ length: 8 }, () => client.listOffers()));
    expect((await sandbox.state()).tokenRequests).toBe(1);
  });

  it("keeps the token sealed in its own table, never in clear", async () => {
    const { client, options } = createSandboxClient(sandbox, testDb);
    await client.listOffers();
    const token = (await options.tokenStore.load())?.accessToken;
    expect(token).toMatch(/^[0-9a-f]{16,}$/);
    const row = await testDb.db.g2aImportToken.findFirstOrThrow();
    expect(Buffer.from(row.sealedToken).toString("utf8")).not.toContain(token);
    expect(Buffer.from(row.sealedToken).toString("hex")).not.toContain(token);
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await testDb.db.cwsToken.count()).toBe(0);
  });

  it("fetches one new token after a 401 (token revoked) and repeats the call once", async () => {
    const { client } = createSandboxClient(sandbox, testDb);
    await seedOffer(sandbox, { productId: PRODUCTS.A, price: "4.99", inventorySize: 3, active: true });
    await client.listOffers();
    await sandbox.control("faults", { rules: [{ route: "GET /v3/sales/offers", status: 401, count: 1 }] });
    expect(await client.listOffers()).toHaveLength(1);
    const state = await sandbox.state();
    expect(state.tokenRequests).toBe(2);
    expect(state.requests.filter((request) => request.path === "/v3/sales/offers").map((r) => r.status)).toEqual([
      200, 401, 200,
    ]);
  });

  it("gives up with G2aApiAuthError when a fresh token is refused too", async () => {
    const { client } = createSandboxClient(sandbox, testDb);
    await sandbox.control("faults", { rules: [{ route: "GET /v3/sales/offers", status: 401, count: 5 }] });
    const error = await errorOf(client.listOffers());
    expect(error).toBeInstanceOf(G2aApiAuthError);
    expect(error.httpStatus).toBe(401);
    const state = await sandbox.state();
    expect(state.tokenRequests).toBe(2);
    expect(state.requests.filter((request) => request.path === "/v3/sales/offers")).toHaveLength(2);
  });

  it("refuses wrong credentials with G2aApiAuthError, asking once and never quoting the secret", async () => {
    const { client } = createSandboxClient(sandbox, testDb, { clientSecret: "not-the-secret-42" });
    const error = await errorOf(client.listOffers());
    expect(error).toBeInstanceOf(G2aApiAuthError);
    expect(error.message).not.toContain("not-the-secret-42");
    expect(JSON.stringify(error)).not.toContain("not-the-secret-42");
    expect((await sandbox.state()).tokenRequests).toBe(1);
  });

  it("retries a token endpoint that fails with 5xx, as an unavailable G2A", async () => {
    const { client } = createSandboxClient(sandbox, testDb, { maxRetries: 1 });
    await sandbox.control("faults", { rules: [{ route: "POST /oauth/token", status: 503, count: 5 }] });
    const error = await errorOf(client.listOffers());
    expect(error).toBeInstanceOf(G2aApiUnavailableError);
    expect((await sandbox.state()).tokenRequests).toBe(2);
  });

  it("writes neither the token nor the client secret to a log line or an error message", async () => {
    const { logger, lines } = captureLogger();
    const { client, options } = createSandboxClient(sandbox, testDb, { logger, maxRetries: 1 });
    await client.listOffers();
    const firstToken = (await options.tokenStore.load())?.accessToken ?? "";
    await sandbox.control("faults", {
      rules: [
        { route: "GET /v3/sales/offers", status: 401, count: 1 },
        { route: "GET /v3/sales/offers/{offerId}", status: 500, count: 5 },
      ],
    });
    await client.listOffers();
    const secondToken = (await options.tokenStore.load())?.accessToken ?? "";
    const error = await errorOf(client.getOffer("00000000-0000-4000-8000-000000000000"));
    expect(firstToken).not.toBe(secondToken);
    expect(lines.length).toBeGreaterThan(4);
    const written = [...lines, error.message, JSON.stringify(error)].join("\n");
    for (const secret of [DEFAULT_G2A_SANDBOX_CLIENT.clientSecret, firstToken, secondToken]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(written).not.toContain(secret);
    }
  });
});

describe("G2A Import API client: token lifetime", () => {
  let shortLived: Sandbox;
  beforeAll(async () => {
    shortLived = await startSandbox({ tokenTtlSeconds: 2 });
  });
  afterAll(async () => {
    await shortLived.close();
  });

  it("uses a token for the first half of a short lifetime, then fetches a new one before it expires", async () => {
    await shortLived.control("reset", {});
    const { client } = createSandboxClient(shortLived, testDb);
    await client.listOffers(); // a 2 s token: used until 1 s before it expires
    await client.listOffers();
    expect((await shortLived.state()).tokenRequests).toBe(1);
    await sleep(1_100);
    await client.listOffers();
    const state = await shortLived.state();
    expect(state.tokenRequests).toBe(2);
    expect(state.requests.every((request) => request.status !== 401)).toBe(true);
  });
});
