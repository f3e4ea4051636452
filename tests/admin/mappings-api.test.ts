import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { CSV_COLUMNS } from "@/lib/admin/mappings-csv";
import { adminCall, signIn } from "../support/admin-session";
import { startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import { CWS_PRODUCTS, type Sandbox } from "../support/cws-sandbox";

let sandbox: Sandbox;
let app: App;
let adminCookie: string;
let viewerCookie: string;

type Mapping = {
  id: string;
  g2aProductId: string;
  cwsProductId: string;
  enabled: boolean;
  minMarginCents: string | null;
  cws: { name: string | null; platform: string | null; quantity: number } | null;
};
type Page = { items: Mapping[]; total: number };

beforeAll(async () => {
  ({ sandbox, app } = await startAppWithSandbox());
  await app.db.user.create({
    data: { email: "admin@example.com", passwordHash: await hashPassword("correct-horse-battery"), role: "ADMIN" },
  });
  await app.db.user.create({
    data: { email: "viewer@example.com", passwordHash: await hashPassword("viewer-password-1"), role: "VIEWER" },
  });
  adminCookie = await signIn(app, "admin@example.com", "correct-horse-battery");
  viewerCookie = await signIn(app, "viewer@example.com", "viewer-password-1");
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));

const asAdmin = (method: string, path: string, body?: unknown) => adminCall(app, adminCookie, method, path, body);

async function download(cookie: string, path: string) {
  const response = await fetch(`${app.url}${path}`, { headers: { Cookie: cookie } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("the product mappings API", () => {
  it("creates, reads, lists, updates, disables and deletes a mapping, each change audited", async () => {
    const created = await asAdmin("POST", "/api/admin/mappings", {
      g2aProductId: "0010000068865001",
      cwsProductId: CWS_PRODUCTS.NEONDO,
      minMarginEur: "1.50",
      note: "launch",
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        g2aProductId: "10000068865001",
        cwsProductId: CWS_PRODUCTS.NEONDO,
        enabled: true,
        minMarginCents: "150",
        allowPreOrder: false,
      },
    });
    const { id } = created.body as Mapping;

    expect(await adminCall(app, viewerCookie, "GET", `/api/admin/mappings/${id}`)).toMatchObject({
      status: 200,
      body: { id, note: "launch" },
    });
    expect(await adminCall(app, viewerCookie, "GET", "/api/admin/mappings?q=10000068865001")).toMatchObject({
      status: 200,
      body: { total: 1, items: [{ id }] },
    });

    const updated = await asAdmin("PATCH", `/api/admin/mappings/${id}`, {
      maxUnitCostEur: "4.50",
      allowPreOrder: true,
    });
    expect(updated).toMatchObject({
      status: 200,
      body: { id, maxUnitCostCents: "450", allowPreOrder: true, minMarginCents: "150" },
    });
    expect(await asAdmin("PATCH", `/api/admin/mappings/${id}`, { enabled: false })).toMatchObject({
      status: 200,
      body: { enabled: false },
    });
    expect(await asAdmin("GET", "/api/admin/mappings?enabled=true&q=10000068865001")).toMatchObject({
      body: { total: 0 },
    });

    expect(await asAdmin("DELETE", `/api/admin/mappings/${id}`)).toEqual({ status: 204, body: undefined });
    expect(await asAdmin("GET", `/api/admin/mappings/${id}`)).toMatchObject({
      status: 404,
      body: { code: "NOT_FOUND" },
    });
    const audit = await app.db.auditLog.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.actorEmail])).toEqual([
      ["mapping.create", "admin@example.com"],
      ["mapping.update", "admin@example.com"],
      ["mapping.update", "admin@example.com"],
      ["mapping.delete", "admin@example.com"],
    ]);
  });

  it("answers 409 CONFLICT when the G2A product is already mapped", async () => {
    expect(
      await asAdmin("POST", "/api/admin/mappings", { g2aProductId: "2001", cwsProductId: CWS_PRODUCTS.SKYOUT }),
    ).toMatchObject({ status: 201 });
    expect(
      await asAdmin("POST", "/api/admin/mappings", { g2aProductId: "2001", cwsProductId: CWS_PRODUCTS.MISTVH }),
    ).toEqual({
      status: 409,
      body: {
        code: "CONFLICT",
        message: `G2A product 2001 is already mapped to CWS product ${CWS_PRODUCTS.SKYOUT}; edit that mapping instead`,
        fieldErrors: { g2aProductId: ["is already mapped; edit that mapping instead"] },
      },
    });
  });

  it("answers 400 with each bad field in words", async () => {
    const answer = await asAdmin("POST", "/api/admin/mappings", {
      g2aProductId: "abc",
      cwsProductId: "303e8869",
      minMarginEur: "-2",
      maxUnitCostEur: "3.999",
      enabled: "yes",
    });
    expect(answer).toEqual({
      status: 400,
      body: {
        code: "VALIDATION_FAILED",
        message: "Some fields are not valid",
        fieldErrors: {
          g2aProductId: ["must be a G2A product id: digits only, such as 10000068865001"],
          cwsProductId: ["must be a CWS product id: a UUID such as 303e8869-e17e-465d-9956-52a35489a490"],
          enabled: ["must be true or false"],
          minMarginEur: ["must not be negative"],
          maxUnitCostEur: ["use at most 2 decimals (whole cents)"],
        },
      },
    });
    expect(await asAdmin("GET", "/api/admin/mappings?q=Skyforge")).toMatchObject({
      status: 400,
      body: { fieldErrors: { q: ["enter a G2A product id (digits) or a CWS product id (UUID)"] } },
    });
  });

  it("lets a VIEWER read and export but change nothing", async () => {
    const { body } = await asAdmin("POST", "/api/admin/mappings", {
      g2aProductId: "3001",
      cwsProductId: CWS_PRODUCTS.SKYOUT,
    });
    const { id } = body as Mapping;
    expect((await adminCall(app, viewerCookie, "GET", "/api/admin/mappings")).status).toBe(200);
    expect((await download(viewerCookie, "/api/admin/mappings/export")).status).toBe(200);
    for (const [method, path, payload] of [
      ["POST", "/api/admin/mappings", { g2aProductId: "3002", cwsProductId: CWS_PRODUCTS.SKYOUT }],
      ["PATCH", `/api/admin/mappings/${id}`, { enabled: false }],
      ["DELETE", `/api/admin/mappings/${id}`, undefined],
      ["POST", "/api/admin/mappings/import", { csv: "g2a_product_id,cws_product_id\n" }],
    ] as const) {
      expect(await adminCall(app, viewerCookie, method, path, payload)).toMatchObject({
        status: 403,
        body: { code: "FORBIDDEN" },
      });
    }
    expect(await app.db.productMapping.findUniqueOrThrow({ where: { id } })).toMatchObject({ enabled: true });
  });

  it("refuses a change from another site", async () => {
    const response = await fetch(`${app.url}/api/admin/mappings`, {
      method: "POST",
      headers: { Cookie: adminCookie, Origin: "https://evil.example", "Content-Type": "application/json" },
      body: JSON.stringify({ g2aProductId: "4001", cwsProductId: CWS_PRODUCTS.SKYOUT }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "INVALID_ORIGIN" });
  });
});

describe("the live CWS product lookup", () => {
  it("shows a sandbox product's name, platform, stock and sorted price tiers, and keeps it as the list's snapshot", async () => {
    expect(
      await adminCall(app, viewerCookie, "GET", `/api/admin/cws-products/${CWS_PRODUCTS.SKYOUT.toUpperCase()}`),
    ).toEqual({
      status: 200,
      body: {
        productId: CWS_PRODUCTS.SKYOUT,
        identifier: "SKYOUT",
        name: "Skyforge Outlaws",
        platform: "Steam",
        quantity: 250,
        priceTiers: [
          { from: 1, to: 9, priceCents: "1249" },
          { from: 10, to: 49, priceCents: "1209" },
          { from: 50, to: null, priceCents: "1179" },
        ],
        releaseDate: "2023-03-14T00:00:00.000Z",
      },
    });
    await asAdmin("POST", "/api/admin/mappings", { g2aProductId: "5001", cwsProductId: CWS_PRODUCTS.SKYOUT });
    const listed = (await asAdmin("GET", "/api/admin/mappings?q=5001")).body as Page;
    expect(listed.items[0]?.cws).toMatchObject({ name: "Skyforge Outlaws", platform: "Steam", quantity: 250 });
  });

  it("answers 404 for a product CWS does not have, and 400 for an id that is not a UUID", async () => {
    expect(await asAdmin("GET", "/api/admin/cws-products/00000000-0000-4000-8000-000000000000")).toEqual({
      status: 404,
      body: { code: "NOT_FOUND", message: "CodesWholesale has no product with this id" },
    });
    expect(await asAdmin("GET", "/api/admin/cws-products/SKYOUT")).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", fieldErrors: { productId: [expect.any(String)] } },
    });
  });

  it("answers 503 SERVICE_UNAVAILABLE, not a 500, when CWS fails", async () => {
    await sandbox.control("faults", {
      error5xx: { rate: 1, status: 503, routes: ["GET /v3/products/{productId}"], remaining: 1 },
    });
    const answer = await asAdmin("GET", `/api/admin/cws-products/${CWS_PRODUCTS.MISTVH}`);
    expect(answer).toEqual({
      status: 503,
      body: {
        code: "SERVICE_UNAVAILABLE",
        message: "CodesWholesale is unavailable (CWS answered HTTP 503); try again in a moment",
      },
    });
    expect(await asAdmin("GET", `/api/admin/cws-products/${CWS_PRODUCTS.MISTVH}`)).toMatchObject({
      status: 200,
      body: { name: "Mists of Varnholm" },
    });
  });
});

describe("CSV export and import over HTTP", () => {
  it("exports every mapping as a CSV download that imports back unchanged", async () => {
    await asAdmin("POST", "/api/admin/mappings", {
      g2aProductId: "6001",
      cwsProductId: CWS_PRODUCTS.PIXHAR,
      minMarginEur: "0.30",
      note: "=cmd|' /C calc'!A0",
    });
    const exported = await download(adminCookie, "/api/admin/mappings/export");
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(exported.headers.get("content-disposition")).toMatch(
      /^attachment; filename="product-mappings-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(exported.headers.get("cache-control")).toBe("no-store, no-transform");
    const lines = exported.text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    expect(lines).toContain(`6001,${CWS_PRODUCTS.PIXHAR},true,0.30,,false,,,,,,,,,'=cmd|' /C calc'!A0`);
    const total = await app.db.productMapping.count();
    expect(lines).toHaveLength(total + 1);

    expect(await asAdmin("POST", "/api/admin/mappings/import", { csv: exported.text, dryRun: true })).toEqual({
      status: 200,
      body: { valid: true, created: 0, updated: 0, unchanged: total },
    });
    const edited =
      exported.text.replace(`6001,${CWS_PRODUCTS.PIXHAR},true,0.30`, `6001,${CWS_PRODUCTS.PIXHAR},false,0.40`) +
      `6002,${CWS_PRODUCTS.PIXHAR},true,,,false,,,,,,,,,\r\n`;
    expect(await asAdmin("POST", "/api/admin/mappings/import", { csv: edited })).toEqual({
      status: 200,
      body: { created: 1, updated: 1, unchanged: total - 1 },
    });
    expect(await app.db.productMapping.findUniqueOrThrow({ where: { g2aProductId: "6001" } })).toMatchObject({
      enabled: false,
      minMarginCents: 40n,
      note: "=cmd|' /C calc'!A0",
    });
    const audit = await app.db.auditLog.findFirstOrThrow({
      where: { action: "mapping.import" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(audit.details!)).toEqual({ created: 1, updated: 1, unchanged: total - 1, rows: total + 1 });
  });

  it("answers 400 with every bad line and writes nothing when any row is invalid", async () => {
    const before = await app.db.productMapping.count();
    const audits = await app.db.auditLog.count();
    const csv = [
      "g2a_product_id,cws_product_id,min_margin_eur",
      `7001,${CWS_PRODUCTS.SKYOUT},1.00`,
      `7002,${CWS_PRODUCTS.SKYOUT},1.001`,
      `7001,${CWS_PRODUCTS.MISTVH},`,
    ].join("\n");
    expect(await asAdmin("POST", "/api/admin/mappings/import", { csv })).toEqual({
      status: 400,
      body: {
        code: "VALIDATION_FAILED",
        message: "2 lines of the file are not valid; nothing was imported",
        rows: [
          { line: 3, g2aProductId: "7002", errors: { min_margin_eur: ["use at most 2 decimals (whole cents)"] } },
          {
            line: 4,
            g2aProductId: "7001",
            errors: { g2a_product_id: ["repeats line 2: a G2A product can be mapped only once"] },
          },
        ],
      },
    });
    expect(await asAdmin("POST", "/api/admin/mappings/import", { csv: "g2a_product_id,cws_id\n1,2\n" })).toMatchObject({
      status: 400,
      body: {
        rows: [
          {
            line: 1,
            errors: { header: [expect.stringMatching(/^unknown column "cws_id"/), 'missing column "cws_product_id"'] },
          },
        ],
      },
    });
    expect(await app.db.productMapping.count()).toBe(before);
    expect(await app.db.auditLog.count()).toBe(audits);
  });

  it("refuses a file over the size limit as a whole", async () => {
    const answer = await asAdmin("POST", "/api/admin/mappings/import", { csv: "x".repeat(512 * 1024 + 1) });
    expect(answer).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", fieldErrors: { csv: ["the file must be at most 512 KiB"] } },
    });
  });
});
