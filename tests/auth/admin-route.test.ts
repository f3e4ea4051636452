import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { TestDb } from "../support/test-db";
import { createUser, sessionCookie, SITE, useAppEnvironment } from "./support";

let testDb: TestDb;
let adminHttp: typeof import("@/lib/admin/http");
let meRoute: typeof import("@/app/api/admin/me/route");
const cookies: Record<"admin" | "operator" | "viewer" | "disabled", string> = {
  admin: "",
  operator: "",
  viewer: "",
  disabled: "",
};

beforeAll(async () => {
  testDb = useAppEnvironment();
  adminHttp = await import("@/lib/admin/http");
  meRoute = await import("@/app/api/admin/me/route");
  cookies.admin = await sessionCookie(await createUser(testDb.db, "admin@example.com", "ADMIN"));
  cookies.operator = await sessionCookie(await createUser(testDb.db, "oncall@example.com", "OPERATOR"));
  cookies.viewer = await sessionCookie(await createUser(testDb.db, "viewer@example.com", "VIEWER"));
  cookies.disabled = await sessionCookie(await createUser(testDb.db, "gone@example.com", "ADMIN", { disabled: true }));
});
afterAll(async () => {
  await testDb.close();
});

const context = { params: Promise.resolve({ id: "order-1" }) };

/** A route like the dashboard's retry: viewers read, operators retry, the body is validated. */
function retryRoute() {
  return adminHttp.adminRoute(
    {
      GET: async ({ params }) => adminHttp.adminJson({ id: params.id }),
      POST: async ({ params, json, actor }) => {
        const { reason } = await json(z.object({ reason: z.string().trim().min(1) }));
        return adminHttp.adminJson({ id: params.id, reason, by: actor.email, amountCents: 1999n });
      },
    },
    { roles: { POST: "OPERATOR" } },
  );
}

function request(
  method: string,
  init: { cookie?: string; origin?: string | null; body?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.origin !== null && method !== "GET") headers.origin = init.origin ?? SITE;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return new Request(`${SITE}/api/admin/orders/order-1/retry`, { method, headers, body: init.body });
}

async function answer(response: Response) {
  return { status: response.status, body: await response.json(), cacheControl: response.headers.get("cache-control") };
}

describe("the admin route guard", () => {
  it("answers 401 without a session", async () => {
    const route = retryRoute();
    expect(await answer(await route.GET(request("GET"), context))).toEqual({
      status: 401,
      body: { code: "UNAUTHORIZED", message: "Sign in to continue" },
      cacheControl: "no-store, no-transform",
    });
    expect((await route.POST(request("POST", { body: '{"reason":"x"}' }), context)).status).toBe(401);
  });

  it("answers 401 for a forged or foreign-secret session cookie", async () => {
    const route = retryRoute();
    const user = await testDb.db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const foreign = await sessionCookie(user, "another-secret-another-secret-another-secret");
    expect((await route.GET(request("GET", { cookie: foreign }), context)).status).toBe(401);
    expect((await route.GET(request("GET", { cookie: "next-auth.session-token=not-a-jwt" }), context)).status).toBe(
      401,
    );
  });

  it("answers 401 for a disabled user's still-valid session", async () => {
    const response = await retryRoute().GET(request("GET", { cookie: cookies.disabled }), context);
    expect(await answer(response)).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
  });

  it("lets a viewer read but answers 403 to a viewer's mutation that needs OPERATOR", async () => {
    const route = retryRoute();
    expect(await answer(await route.GET(request("GET", { cookie: cookies.viewer }), context))).toEqual({
      status: 200,
      body: { id: "order-1" },
      cacheControl: "no-store, no-transform",
    });
    const refused = await answer(
      await route.POST(request("POST", { cookie: cookies.viewer, body: '{"reason":"stuck"}' }), context),
    );
    expect(refused).toEqual({
      status: 403,
      body: { code: "FORBIDDEN", message: expect.stringContaining("OPERATOR") },
      cacheControl: "no-store, no-transform",
    });
  });

  it("answers 200 to an operator's mutation from this site, with BigInt money as a string", async () => {
    const response = await retryRoute().POST(
      request("POST", { cookie: cookies.operator, body: '{"reason":"stuck"}' }),
      context,
    );
    expect(await answer(response)).toEqual({
      status: 200,
      body: { id: "order-1", reason: "stuck", by: "oncall@example.com", amountCents: "1999" },
      cacheControl: "no-store, no-transform",
    });
  });

  it("refuses an Origin that only matches the Host header, which a proxy may forward from anyone", async () => {
    const response = await retryRoute().POST(
      request("POST", {
        cookie: cookies.operator,
        origin: "http://evil.example",
        headers: { host: "evil.example" },
        body: '{"reason":"stuck"}',
      }),
      context,
    );
    expect(await answer(response)).toMatchObject({ status: 403, body: { code: "INVALID_ORIGIN" } });
  });

  it("answers 403 INVALID_ORIGIN to a mutation with a foreign, null or missing Origin", async () => {
    const route = retryRoute();
    for (const origin of ["https://evil.example", "http://localhost:3001", "null", null]) {
      const response = await route.POST(
        request("POST", { cookie: cookies.admin, origin, body: '{"reason":"stuck"}' }),
        context,
      );
      expect(await answer(response), String(origin)).toMatchObject({ status: 403, body: { code: "INVALID_ORIGIN" } });
    }
  });

  it("answers 400 VALIDATION_FAILED with the failing field, and 400 for malformed JSON", async () => {
    const route = retryRoute();
    const invalid = await answer(
      await route.POST(request("POST", { cookie: cookies.operator, body: '{"reason":"  "}' }), context),
    );
    expect(invalid).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", fieldErrors: { reason: [expect.any(String)] } },
    });
    const malformed = await answer(await route.POST(request("POST", { cookie: cookies.operator, body: "{" }), context));
    expect(malformed).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const body = JSON.stringify({ reason: "x".repeat(1024 * 1024) });
    const response = await retryRoute().POST(request("POST", { cookie: cookies.operator, body }), context);
    expect(await answer(response)).toMatchObject({ status: 413, body: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("answers 500 without details when a handler fails unexpectedly", async () => {
    const route = adminHttp.adminRoute({
      GET: async () => {
        throw new Error("database exploded at /var/secret/path");
      },
    });
    const failed = await answer(await route.GET(request("GET", { cookie: cookies.admin }), context));
    expect(failed).toEqual({
      status: 500,
      body: { code: "INTERNAL", message: expect.not.stringContaining("secret") },
      cacheControl: "no-store, no-transform",
    });
  });

  it("answers 405 with Allow for methods the route does not have", async () => {
    const route = retryRoute();
    for (const method of ["DELETE", "OPTIONS"] as const) {
      const response = await route[method](request(method, { cookie: cookies.admin }), context);
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, POST");
    }
  });

  it("requires ADMIN for mutations unless the route lowers it", async () => {
    const route = adminHttp.adminRoute({ DELETE: async () => new Response(null, { status: 204 }) });
    expect((await route.DELETE(request("DELETE", { cookie: cookies.operator }), context)).status).toBe(403);
    expect((await route.DELETE(request("DELETE", { cookie: cookies.admin }), context)).status).toBe(204);
  });
});

describe("GET /api/admin/me", () => {
  it("answers the signed-in user's id, e-mail and role", async () => {
    const viewer = await testDb.db.user.findUniqueOrThrow({ where: { email: "viewer@example.com" } });
    const response = await meRoute.GET(new Request(`${SITE}/api/admin/me`, { headers: { cookie: cookies.viewer } }), {
      params: Promise.resolve({}),
    });
    expect(await answer(response)).toEqual({
      status: 200,
      body: { id: viewer.id, email: "viewer@example.com", role: "VIEWER" },
      cacheControl: "no-store, no-transform",
    });
  });

  it("reflects a role change at once, without a new session", async () => {
    await testDb.db.user.update({ where: { email: "oncall@example.com" }, data: { role: "VIEWER" } });
    const response = await meRoute.GET(new Request(`${SITE}/api/admin/me`, { headers: { cookie: cookies.operator } }), {
      params: Promise.resolve({}),
    });
    expect((await response.json()).role).toBe("VIEWER");
    await testDb.db.user.update({ where: { email: "oncall@example.com" }, data: { role: "OPERATOR" } });
  });

  it("answers 401 without a session", async () => {
    const response = await meRoute.GET(new Request(`${SITE}/api/admin/me`), { params: Promise.resolve({}) });
    expect(response.status).toBe(401);
  });
});
