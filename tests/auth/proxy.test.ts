import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestDb } from "../support/test-db";
import { createUser, sessionCookie, SITE, useAppEnvironment } from "./support";

vi.mock("next-auth/jwt", async (importOriginal) => {
  const original = await importOriginal<typeof import("next-auth/jwt")>();
  return { ...original, getToken: vi.fn(original.getToken) };
});

let testDb: TestDb;
let proxy: typeof import("@/proxy").proxy;
let getToken: ReturnType<typeof vi.fn>;
let cookie: string;

beforeAll(async () => {
  testDb = useAppEnvironment();
  proxy = (await import("@/proxy")).proxy;
  getToken = vi.mocked((await import("next-auth/jwt")).getToken);
  cookie = await sessionCookie(await createUser(testDb.db, "viewer@example.com", "VIEWER"));
});
afterAll(async () => {
  await testDb.close();
});

function visit(path: string, headers: Record<string, string> = {}) {
  return proxy(new NextRequest(`${SITE}${path}`, { headers }));
}

const passesThrough = (response: Response) => response.headers.get("x-middleware-next") === "1";

describe("page protection", () => {
  it("sends a visitor without a session to /login with the page to come back to", async () => {
    const response = await visit("/orders?status=FAILED");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`${SITE}/login?callbackUrl=%2Forders%3Fstatus%3DFAILED`);
  });

  it("lets a signed-in user through", async () => {
    expect(passesThrough(await visit("/orders", { cookie }))).toBe(true);
  });

  it("sends a still-valid cookie to /login once its session has ended: account disabled, or its sessions ended", async () => {
    const user = await createUser(testDb.db, "leaver@example.com", "VIEWER");
    const leaver = await sessionCookie(user);
    expect(passesThrough(await visit("/orders", { cookie: leaver }))).toBe(true);
    await testDb.db.user.update({ where: { id: user.id }, data: { sessionVersion: 1 } });
    expect((await visit("/orders", { cookie: leaver })).status).toBe(307);
    const renewed = await sessionCookie({ ...user, sessionVersion: 1 });
    expect(passesThrough(await visit("/orders", { cookie: renewed }))).toBe(true);
    await testDb.db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect((await visit("/orders", { cookie: renewed })).status).toBe(307);
  });

  it("answers 405 to a page asked for with another method than GET or HEAD, and 404 to a path that is not valid percent-encoding", async () => {
    const posted = await proxy(new NextRequest(`${SITE}/orders`, { method: "POST", headers: { cookie }, body: "x" }));
    expect(posted.status).toBe(405);
    expect(posted.headers.get("allow")).toBe("GET, HEAD");
    expect((await visit("/orders/%ff", { cookie })).status).toBe(404);
  });

  it("does not accept a cookie that is not a valid session", async () => {
    expect((await visit("/settings", { cookie: "next-auth.session-token=forged" })).status).toBe(307);
  });

  it("leaves the sign-in page, the APIs and public files open", async () => {
    for (const path of ["/login", "/login?callbackUrl=%2Forders", "/favicon.ico", "/api/admin/me"]) {
      expect(passesThrough(await visit(path)), path).toBe(true);
    }
  });

  it("keeps the G2A branch as it was, without a session lookup", async () => {
    getToken.mockClear();
    expect(passesThrough(await visit("/api/g2a/healthcheck"))).toBe(true);
    const broken = await visit("/api/g2a/order/%E0%A4%A");
    expect(broken.status).toBe(404);
    expect(await broken.json()).toEqual({ code: "NOT_FOUND", message: "no such route" });
    expect(getToken).not.toHaveBeenCalled();
  });
});
