import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeExpiredCredentials } from "@/lib/auth/purge";
import { createG2aCredentials } from "@/lib/g2a/credentials";
import { TOKEN_THROTTLE } from "@/lib/g2a/token-throttle";
import { startAppWithSandbox, stopAppWithSandbox } from "../support/app-server";
import { createTestDb } from "../support/test-db";

let started: Partial<Awaited<ReturnType<typeof startAppWithSandbox>>> = {};
beforeAll(async () => {
  started = await startAppWithSandbox();
});
afterAll(() => stopAppWithSandbox(started));

function askToken(clientId: string, clientSecret: string, ip: string) {
  const query = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: clientId,
    client_secret: clientSecret,
  });
  return started.g2a!.raw("GET", `/oauth/token?${query}`, { auth: false, headers: { "X-Forwarded-For": ip } });
}

describe("the G2A token endpoint's throttle", () => {
  it("answers 429 with Retry-After to an address after 30 failed requests, and still serves other addresses", async () => {
    const { clientId, clientSecret } = started.app!.credentials;
    for (let i = 0; i < TOKEN_THROTTLE.perIp; i++)
      expect((await askToken(`guess-${i}`, "wrong", "198.51.100.7")).status).toBe(401);
    const refused = await askToken(clientId, clientSecret, "198.51.100.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(300);
    expect(refused.body).toEqual({
      code: "BAD_REQUEST",
      message: expect.stringContaining("too many failed token requests"),
    });
    expect((await askToken(clientId, clientSecret, "198.51.100.8")).status).toBe(200);
  });

  it("answers 429 to requests for a client id after 30 failures, except from addresses G2A got tokens from", async () => {
    const { clientId, clientSecret } = started.app!.credentials;
    expect((await askToken(clientId, clientSecret, "203.0.113.10")).status).toBe(200);
    for (let i = 0; i < TOKEN_THROTTLE.perClient; i++)
      expect((await askToken(clientId, "wrong-secret", `192.0.2.${i + 1}`)).status).toBe(401);
    expect((await askToken(clientId, "wrong-secret", "192.0.2.200")).status).toBe(429);
    expect((await askToken(clientId, clientSecret, "192.0.2.201")).status).toBe(429);
    const g2a = await askToken(clientId, clientSecret, "203.0.113.10");
    expect(g2a.status).toBe(200);
    expect(g2a.body).toMatchObject({ token_type: "bearer", expires_in: 3600 });
  });

  it("keeps hearing G2A's address even when guesses are sent in its name", async () => {
    const { clientId, clientSecret } = await createG2aCredentials(started.app!.db, { label: "forged address" });
    expect((await askToken(clientId, clientSecret, "203.0.113.20")).status).toBe(200);
    for (let i = 0; i < TOKEN_THROTTLE.perIp; i++)
      expect((await askToken(`forged-${i}`, "wrong", "203.0.113.20")).status).toBe(401);
    expect((await askToken("forged-more", "wrong", "203.0.113.20")).status).toBe(429);
    expect((await askToken(clientId, clientSecret, "203.0.113.20")).status).toBe(200);
  });
});

describe("the purge job", () => {
  it("deletes G2A tokens expired over a day ago and failed attempts past their window, nothing newer", async () => {
    const { db, close } = createTestDb();
    const now = new Date("2026-12-02T12:00:00Z");
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    const client = await db.g2aClient.create({ data: { clientId: "purge-client", secretHash: "x".repeat(64) } });
    for (const [hash, expiresAt] of [
      ["old", hoursAgo(25)],
      ["recent", hoursAgo(2)],
      ["valid", hoursAgo(-1)],
    ] as const) {
      await db.g2aAccessToken.create({
        data: { tokenHash: hash, clientId: client.id, expiresAt, createdAt: hoursAgo(30) },
      });
    }
    await db.loginAttempt.create({ data: { key: "ip:192.0.2.1", at: hoursAgo(1) } });
    await db.loginAttempt.create({ data: { key: "ip:192.0.2.1", at: new Date(now.getTime() - 60_000) } });

    expect(await purgeExpiredCredentials(db, now)).toEqual({ g2aTokens: 1, failedAttempts: 1 });
    expect(
      (await db.g2aAccessToken.findMany({ select: { tokenHash: true }, orderBy: { tokenHash: "asc" } })).map(
        (row) => row.tokenHash,
      ),
    ).toEqual(["recent", "valid"]);
    expect(await db.loginAttempt.count()).toBe(1);
    await close();
  });

  it("runs every 15 minutes on either engine", async () => {
    const { functions } = await import("@/inngest");
    const purge = functions.find((fn) => fn.id().endsWith("purge-expired-credentials"));
    expect(purge?.opts.triggers).toEqual([{ cron: "*/15 * * * *" }]);
  });
});
