import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { signIn } from "../support/admin-session";
import { startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";

// Whatever a signed-in admin's browser (or anyone pretending to be one) sends, the admin API
// answers a 4xx with {code, message}, and pages a 4xx or the page: never a 5xx.

let sandbox: Sandbox;
let app: App;
let cookie: string;

beforeAll(async () => {
  ({ sandbox, app } = await startAppWithSandbox());
  await app.db.user.create({
    data: { email: "admin@example.com", role: "ADMIN", passwordHash: await hashPassword("admin-password-1") },
  });
  cookie = await signIn(app, "admin@example.com", "admin-password-1");
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));

const LISTS = [
  "/api/admin/orders",
  "/api/admin/reservations",
  "/api/admin/notifications",
  "/api/admin/audit",
  "/api/admin/mappings",
  "/api/admin/alerts",
];
const BAD_QUERIES = [
  "page=-1",
  "page=abc",
  "page=1e309",
  "pageSize=0",
  "pageSize=100000",
  "status=NOPE",
  "from=2026-13-45",
  "to=yesterday",
  "q=%25",
  "q=_",
  "q=%00",
  `q=${"x".repeat(5000)}`,
  "actor=%25",
  "action=%25*",
  "state=sideways",
  "enabled=maybe",
  "needsAttention=perhaps",
  "type=%ff%fe",
];
const BODIES: Array<[string, string]> = [
  ["malformed JSON", "{"],
  ["an array", "[]"],
  ["a number", "42"],
  ["a huge number", '{"reason": 1e400}'],
  ["a lone surrogate", '{"reason": "\\ud800"}'],
  ["a null byte", '{"reason": "a\\u0000b", "email": "a\\u0000@example.com"}'],
  ["wrong types", '{"reason": ["x"], "email": {}, "role": 7, "paused": "yes", "csv": 1, "g2aProductId": true}'],
  ["empty", ""],
  ["deep nesting", `${"[".repeat(5000)}${"]".repeat(5000)}`],
];
const MUTATIONS: Array<[string, string]> = [
  ["POST", "/api/admin/orders/some-order/retry-fulfillment"],
  ["POST", "/api/admin/orders/some-order/mark-failed"],
  ["POST", "/api/admin/orders/some-order/buy-again"],
  ["POST", "/api/admin/keys/some-key/reveal"],
  ["POST", "/api/admin/users"],
  ["PATCH", "/api/admin/users/some-user"],
  ["POST", "/api/admin/users/some-user/reset-password"],
  ["PUT", "/api/admin/settings/selling"],
  ["PUT", "/api/admin/settings/g2a-api"],
  ["POST", "/api/admin/settings/g2a-api/test"],
  ["POST", "/api/admin/alerts/some-alert/acknowledge"],
  ["POST", "/api/admin/alerts/some-alert/resolve"],
  ["POST", "/api/admin/alerts/00000000-0000-4000-8000-000000000000/resolve"],
  ["POST", "/api/admin/settings/alert-channels"],
  ["PUT", "/api/admin/settings/alert-channels/some-channel"],
  ["PUT", "/api/admin/settings/alert-channels/00000000-0000-4000-8000-000000000000"],
  ["POST", "/api/admin/settings/alert-channels/env-slack/test"],
  ["POST", "/api/admin/g2a-credentials"],
  ["POST", "/api/admin/g2a-credentials/some-pair/rotate"],
  ["POST", "/api/admin/mappings"],
  ["PATCH", "/api/admin/mappings/some-mapping"],
  ["DELETE", "/api/admin/mappings/some-mapping"],
  ["POST", "/api/admin/mappings/import"],
];
const BAD_PATHS = [
  "/api/admin/orders/%ff",
  "/api/admin/orders/%",
  "/api/admin/orders/%E0%A4%A",
  "/api/admin/users/%ff/reset-password",
  "/api/admin/mappings/..%2f..%2fetc",
  "/api/admin/cws-products/%ff",
  "/api/admin/keys/%00/reveal",
  "/api/admin/alerts/%ff",
  "/api/admin/settings/alert-channels/%ff/test",
  `/api/admin/orders/${"x".repeat(3000)}`,
];
const PAGES = [
  "/orders/%ff",
  "/orders/%",
  "/orders/%E0%A4%A",
  "/%ff",
  "/mappings?page=%ff",
  "/orders?status=%ff&q=%25",
  "/audit?from=notadate",
  `/orders/${"x".repeat(3000)}`,
  "/login?callbackUrl=%ff",
  "/login?callbackUrl=https%3A%2F%2Fevil.example",
];

async function call(method: string, path: string, body?: string) {
  const response = await fetch(`${app.url}${path}`, {
    method,
    redirect: "manual",
    headers: { Cookie: cookie, Origin: app.url, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body,
  });
  const text = await response.text();
  return { status: response.status, text };
}

function expectClientError(answer: { status: number; text: string }, what: string) {
  expect(answer.status, `${what}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, what).toBeLessThan(500);
  expect(JSON.parse(answer.text), what).toMatchObject({ code: expect.any(String), message: expect.any(String) });
}

describe("bad input to the admin API", () => {
  it.each(LISTS)("GET %s answers a 4xx or a page to every bad query", async (list) => {
    for (const query of BAD_QUERIES) {
      const answer = await call("GET", `${list}?${query}`);
      expect(answer.status, `${list}?${query}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
      if (answer.status >= 400) expectClientError(answer, `${list}?${query}`);
    }
  });

  it.each(MUTATIONS)(
    "%s %s answers a 4xx {code, message} (or does what is asked) to every odd body",
    async (method, path) => {
      for (const [name, body] of BODIES) {
        const answer = await call(method, path, body);
        expect(answer.status, `${method} ${path} with ${name}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
        if (answer.status >= 400 || ["malformed JSON", "empty", "deep nesting", "a number"].includes(name))
          expectClientError(answer, `${method} ${path} with ${name}`);
      }
    },
  );

  it("stores text with lone surrogates or null bytes where it stores text at all, or refuses it with a 4xx", async () => {
    const odd = ["\ud800", "a\u0000b", "\udfff\ud800"];
    for (const text of odd) {
      const writes: Array<[string, string, string]> = [
        ["PUT", "/api/admin/settings/selling", `{"paused": true, "reason": "${text}"}`],
        [
          "POST",
          "/api/admin/users",
          `{"email": "odd${Math.random()}@example.com", "name": "${text}", "role": "VIEWER"}`,
        ],
        ["POST", "/api/admin/g2a-credentials", `{"label": "${text}"}`],
        [
          "PUT",
          "/api/admin/settings/g2a-api",
          `{"baseUrl": "https://api.g2a.com", "clientId": "${text}", "clientSecret": "${text}"}`,
        ],
        [
          "POST",
          "/api/admin/mappings",
          `{"g2aProductId": "${Date.now()}${Math.floor(Math.random() * 1000)}", "cwsProductId": "ffe2274d-5469-4b0f-b57b-f8d21b09c24c", "note": "${text}"}`,
        ],
      ];
      for (const [method, path, body] of writes) {
        const answer = await call(method, path, body);
        expect(answer.status, `${method} ${path} ${text}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
      }
    }
    await call("PUT", "/api/admin/settings/selling", '{"paused": false}');
    await call("DELETE", "/api/admin/settings/g2a-api");
  });

  it.each(BAD_PATHS)("GET and POST %s answer 4xx {code, message}", async (path) => {
    for (const method of ["GET", "POST"])
      expectClientError(
        await call(method, path, method === "POST" ? '{"reason":"x"}' : undefined),
        `${method} ${path}`,
      );
  });
});

describe("bad input to pages", () => {
  it.each(PAGES)("%s answers below 500", async (path) => {
    const answer = await call("GET", path);
    expect(answer.status, `${path}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
  });
});
