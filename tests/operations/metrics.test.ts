import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scrapeMetrics } from "@/lib/metrics/scrape";
import { mapDemoProducts, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import type { G2aCaller } from "../support/g2a-caller";
import { buy } from "../fulfillment/support-http";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;
const TOKEN = randomBytes(24).toString("hex");
const SKYOUT = 10000000000021;
const TPWHP = 10000000000014;

beforeAll(async () => {
  ({ sandbox, app, g2a } = await startAppWithSandbox({ env: { METRICS_TOKEN: TOKEN } }));
  await mapDemoProducts(app.db, ["SKYOUT", "TPWHP"]);
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));

type Sample = { name: string; labels: Record<string, string>; value: number };

function parse(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample with this name and (at least) these labels; undefined when there is none. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

async function scrape(authorization?: string) {
  const response = await fetch(`${app.url}/api/metrics`, {
    headers: authorization ? { Authorization: authorization } : {},
  });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

describe("GET /api/metrics", () => {
  it("answers 401 without the bearer token, and 404 with metrics off", async () => {
    expect(await scrape()).toMatchObject({ status: 401 });
    expect(await scrape(`Bearer ${TOKEN}x`)).toMatchObject({ status: 401 });
    expect(JSON.parse((await scrape(`Basic ${TOKEN}`)).text)).toEqual({
      code: "UNAUTHORIZED",
      message: "a valid bearer token is required",
    });
    expect(
      await scrapeMetrics(
        app.db,
        undefined,
        new Request(`${app.url}/api/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } }),
      ),
    ).toMatchObject({
      status: 404,
      body: JSON.stringify({ code: "NOT_FOUND", message: "metrics are off: set METRICS_TOKEN to turn them on" }),
    });
  });

  it("counts the sales after a few: G2A requests, orders, time to keys, CWS calls, attempts", async () => {
    for (let sale = 0; sale < 3; sale++) expect((await buy(g2a, SKYOUT, 1)).answer.status).toBe(200);
    expect((await buy(g2a, TPWHP, 1)).answer.status).toBe(500); // the sandbox's balance cannot pay for it
    const answer = await scrape(`Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parse(answer.text);

    expect(value(samples, "g2a_requests_total", { route: "/reservation", method: "POST", status: "200" })).toBe(4);
    expect(value(samples, "g2a_requests_total", { route: "/order", method: "POST", status: "200" })).toBe(3);
    expect(value(samples, "g2a_requests_total", { route: "/order", method: "POST", status: "500" })).toBe(1);
    expect(value(samples, "g2a_request_duration_seconds_count", { route: "/order", method: "POST" })).toBe(4);
    expect(value(samples, "orders", { status: "COMPLETED" })).toBe(3);
    expect(value(samples, "orders", { status: "FAILED" })).toBe(1);
    expect(value(samples, "orders", { status: "PENDING" })).toBe(0);
    expect(value(samples, "order_keys_seconds_count")).toBe(3);
    expect(value(samples, "order_keys_seconds_bucket", { le: "+Inf" })).toBe(3);
    expect(value(samples, "cws_calls_total", { route: "POST /v3/orders", outcome: "2xx" })).toBe(3);
    expect(value(samples, "cws_calls_total", { route: "POST /v3/orders", outcome: "4xx" })).toBe(1);
    expect(value(samples, "cws_call_duration_seconds_count", { route: "POST /v3/orders" })).toBe(4);
    expect(value(samples, "purchase_attempts", { outcome: "CREATED" })).toBe(3);
    expect(value(samples, "purchase_attempts", { outcome: "REFUSED" })).toBe(1);
    expect(value(samples, "workflow_runs", { state: "failed" })).toBe(0);
    expect(value(samples, "alerts_open", { severity: "critical" })).toBe(1); // the balance-too-low order
    expect(value(samples, "backup_age_seconds")).toBe(-1);
    expect(value(samples, "process_resident_memory_bytes")).toBeGreaterThan(50e6);
    expect(value(samples, "process_cpu_seconds_total")).toBeGreaterThan(0);
    // The CWS product reads carry the product's id in the path: one label for them all.
    expect(
      samples.some(
        (sample) =>
          sample.labels.route?.startsWith("GET /v3/products/") && sample.labels.route !== "GET /v3/products/{id}",
      ),
    ).toBe(false);
    expect(answer.text).not.toContain(TOKEN);
  });

  it("labels any path G2A does not have as other, so callers cannot add labels", async () => {
    await fetch(`${app.url}/api/g2a/no/such/${randomBytes(8).toString("hex")}`);
    const samples = parse((await scrape(`Bearer ${TOKEN}`)).text);
    const routes = new Set(samples.filter((sample) => sample.name === "g2a_requests_total").map((s) => s.labels.route));
    expect(routes.has("other")).toBe(true);
    expect([...routes].every((route) => route === "other" || route!.startsWith("/"))).toBe(true);
    expect([...routes].some((route) => route!.includes("no/such"))).toBe(false);
  });
});
