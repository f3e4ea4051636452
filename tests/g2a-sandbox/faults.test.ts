import { describe, expect, it } from "vitest";
import { elapsedMs } from "../support/sandbox-http";
import { PRODUCTS, sleep, startTestSandbox, type G2aError } from "./support";

const LIST = "GET /v3/sales/offers";

describe("injected faults", () => {
  it("answers 429 with Retry-After and the BR03 body, once by default", async () => {
    const client = await startTestSandbox();
    await client.token();
    await client.faults([{ route: LIST, status: 429, retryAfterSeconds: 7 }]);
    const limited = await client.api<G2aError>("GET", "/v3/sales/offers");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.body).toEqual({ status: "ERROR", code: "BR03", message: "Too many requests" });
    expect((await client.api("GET", "/v3/sales/offers")).status).toBe(200);
    const state = await client.state();
    expect(state.requests.map((entry) => [entry.status, entry.fault])).toEqual([
      [200, null],
      [429, "status:429"],
      [200, null],
    ]);
  });

  it("answers 500 and 502 on the named route only, count times", async () => {
    const client = await startTestSandbox();
    await client.token();
    await client.faults([
      { route: "POST /v3/sales/offers", status: 500, count: 2 },
      { route: "GET /v3/jobs/{jobId}", status: 502 },
    ]);
    expect((await client.api("GET", "/v3/sales/offers")).status).toBe(200);
    const first = await client.createOffer(PRODUCTS.SKYOUT);
    expect(first.status).toBe(500);
    expect(first.body).toEqual({ status: "ERROR", code: "INTERNAL_SERVER_ERROR", message: expect.any(String) });
    expect((await client.createOffer(PRODUCTS.SKYOUT)).status).toBe(500);
    expect((await client.state()).offers).toEqual([]);
    const created = await client.createOffer(PRODUCTS.SKYOUT);
    expect(created.status).toBe(202);
    const job = await client.job(created.body.data.jobId);
    expect(job.status).toBe(502);
    expect(job.body.code).toBe("BAD_GATEWAY");
    expect((await client.completedJob(created.body.data.jobId)).status).toBe("complete");
  });

  it("keeps a count -1 rule until the rules are cleared, on every route with *", async () => {
    const client = await startTestSandbox();
    await client.faults([{ route: "*", status: 503, count: -1 }]);
    for (let i = 0; i < 3; i++) expect((await client.request("GET", "/v3/sales/offers")).status).toBe(503);
    expect((await client.tokenRequest({ grant_type: "client_credentials" })).status).toBe(503);
    // The control API is never faulted.
    expect((await client.control("GET", "/state")).status).toBe(200);
    expect((await client.control("DELETE", "/faults")).status).toBe(204);
    expect((await client.api("GET", "/v3/sales/offers")).status).toBe(200);
  });

  it("revokes every token with a 401 fault", async () => {
    const client = await startTestSandbox();
    const token = await client.token();
    await client.faults([{ route: LIST, status: 401 }]);
    const revoked = await client.api<G2aError>("GET", "/v3/sales/offers");
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe("AUTH02");
    const again = await client.request("GET", "/v3/pricing/simulations?price=1", {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(401);
    await client.token();
    expect((await client.api("GET", "/v3/sales/offers")).status).toBe(200);
  });

  it("delays the answer by delayMs, then answers normally", async () => {
    const client = await startTestSandbox();
    await client.token();
    await client.faults([{ route: LIST, delayMs: 300 }]);
    let status = 0;
    expect(
      await elapsedMs(async () => (status = (await client.api("GET", "/v3/sales/offers")).status)),
    ).toBeGreaterThanOrEqual(290);
    expect(status).toBe(200);
    expect(await elapsedMs(() => client.api("GET", "/v3/sales/offers"))).toBeLessThan(250);
    expect((await client.state()).requests[1]?.fault).toBe("delay:300");
  });

  it("lets a client that gives up sooner see a timeout", async () => {
    const client = await startTestSandbox();
    const token = await client.token();
    await client.faults([{ route: LIST, delayMs: 2000 }]);
    const aborted = fetch(`${client.url}/v3/sales/offers`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(100),
    });
    await expect(aborted).rejects.toThrow();
  });

  it("spoils the JSON of a carried-out request with malformed, or of a replaced answer with a status", async () => {
    const client = await startTestSandbox();
    await client.token();
    await client.faults([
      { route: "POST /v3/sales/offers", malformed: true },
      { route: LIST, status: 500, malformed: true },
    ]);
    const created = await client.createOffer(PRODUCTS.SKYOUT);
    expect(created.status).toBe(202);
    expect(created.headers.get("content-type")).toContain("application/json");
    expect(() => JSON.parse(created.text) as unknown).toThrow();
    expect((await client.state()).jobs).toHaveLength(1);
    const broken = await client.api("GET", "/v3/sales/offers");
    expect(broken.status).toBe(500);
    expect(() => JSON.parse(broken.text) as unknown).toThrow();
  });

  it("refuses unknown routes, fields and empty rules", async () => {
    const client = await startTestSandbox();
    for (const rules of [
      [{ route: "GET /v3/unknown", status: 500 }],
      [{ route: LIST, status: 500, colour: "red" }],
      [{ route: LIST }],
      [{ route: LIST, status: 200 }],
      [{ route: LIST, status: 500, count: 0 }],
    ]) {
      const result = await client.control<{ error: string }>("POST", "/faults", { rules });
      expect(result.status, JSON.stringify(rules)).toBe(400);
      expect(result.body.error).toEqual(expect.any(String));
    }
    expect((await client.control("POST", "/faults", { rule: [] })).status).toBe(400);
    const listed = await client.control<{ rules: unknown[] }>("GET", "/faults");
    expect(listed.body.rules).toEqual([]);
  });
});

describe("token-bucket rate limit", () => {
  it("answers 429 BR03 with Retry-After once the burst is spent, then refills", async () => {
    const client = await startTestSandbox();
    await client.token();
    await client.settings({ rateLimit: { mode: "bucket", ratePerSecond: 4, burst: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.api("GET", "/v3/sales/offers")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await client.api<G2aError>("GET", "/v3/sales/offers");
    expect(limited.body).toEqual({ status: "ERROR", code: "BR03", message: "Too many requests" });
    expect(limited.headers.get("retry-after")).toBe("1");
    await sleep(300);
    expect((await client.api("GET", "/v3/sales/offers")).status).toBe(200);
    expect((await client.state()).requests.at(-2)?.fault).toBe("rateLimit");
    // The control API is never limited.
    for (let i = 0; i < 5; i++) expect((await client.control("GET", "/state")).status).toBe(200);

    await client.settings({ rateLimit: { mode: "off" } });
    for (let i = 0; i < 6; i++) expect((await client.api("GET", "/v3/sales/offers")).status).toBe(200);
  });
});

describe("unknown paths", () => {
  it("answer 404 in the G2A error form", async () => {
    const client = await startTestSandbox();
    const result = await client.api<G2aError>("GET", "/v3/nothing/here");
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ status: "ERROR", code: "NOT_FOUND" });
    expect((await client.api("PUT", "/v3/sales/offers")).status).toBe(405);
  });
});
