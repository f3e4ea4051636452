import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../support/app-server";
import { startSandbox, type Sandbox } from "../support/cws-sandbox";

// Every answer, whatever route or page gave it, carries the browser security headers; HSTS only
// when the dashboard is served over https.

let sandbox: Sandbox;
let plain: App;
let https: App;

beforeAll(async () => {
  sandbox = await startSandbox();
  plain = await startApp({ cwsUrl: sandbox.url });
  https = await startApp({ cwsUrl: sandbox.url, env: { NEXTAUTH_URL: "https://dashboard.example.com" } });
});
afterAll(async () => {
  await plain?.close();
  await https?.close();
  await sandbox?.close();
});

/** A URL for every route file under app/api, its dynamic segments filled in. */
function apiRoutePaths(): string[] {
  const files = fs
    .readdirSync("app/api", { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts");
  return files.map((file) =>
    path
      .join("/api", path.dirname(file))
      .replace(/\[\[?\.\.\.[^\]]+\]\]?/g, "anything/else")
      .replace(/\[[^\]]+\]/g, "some-id"),
  );
}

const pagesAndOthers = [
  "/",
  "/login",
  "/orders/some-id",
  "/robots.txt",
  "/no-such-page",
  "/orders/%ff",
  "/api/admin/orders/%ff",
  "/api/g2a/order/%ff/inventory",
];

function expectSecurityHeaders(headers: Headers, what: string) {
  expect(headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(headers.get("x-frame-options"), what).toBe("DENY");
  expect(headers.get("referrer-policy"), what).toBe("no-referrer");
  expect(headers.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
}

describe("security headers", () => {
  it("are on every API route's answer to every method, every page, redirect and error, and on the build's static files", async () => {
    const paths = [...apiRoutePaths(), ...pagesAndOthers];
    expect(paths.length).toBeGreaterThan(40);
    for (const route of paths) {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
        const response = await fetch(`${plain.url}${route}`, {
          method,
          redirect: "manual",
          body: ["GET", "OPTIONS"].includes(method) ? undefined : "{}",
        });
        expect(response.status, `${method} ${route}`).toBeLessThan(500);
        expectSecurityHeaders(response.headers, `${method} ${route}`);
        expect(response.headers.get("strict-transport-security"), `${method} ${route}`).toBeNull();
      }
    }
    const html = await (await fetch(`${plain.url}/login`)).text();
    const script = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${plain.url}${script}`);
    expect(asset.status).toBe(200);
    expectSecurityHeaders(asset.headers, script!);
  });

  it("give each page view its own script nonce, which Next puts on the page's scripts", async () => {
    const [first, second] = await Promise.all([fetch(`${plain.url}/login`), fetch(`${plain.url}/login`)]);
    const nonceOf = (response: Response) =>
      /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonceOf(first)).toBeDefined();
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    const html = await first.text();
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(first)}"`);
  });

  it("include HSTS on every answer when NEXTAUTH_URL is https", async () => {
    for (const route of [...apiRoutePaths(), ...pagesAndOthers]) {
      const response = await fetch(`${https.url}${route}`, { redirect: "manual" });
      expect(response.headers.get("strict-transport-security"), route).toBe("max-age=31536000");
      expectSecurityHeaders(response.headers, route);
    }
  });
});
