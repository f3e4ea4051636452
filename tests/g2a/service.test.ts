import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CWS_PUBLIC_SANDBOX_CLIENT_SECRET } from "@/lib/env";
import { setSellingPaused } from "@/lib/settings";
import { mapDemoProducts, startApp, type App } from "../support/app-server";
import { startSandbox, type Sandbox } from "../support/cws-sandbox";
import { G2aCaller, type G2aAnswer } from "../support/g2a-caller";
import { cleanOrderTables, completeOrder, placeOrder, PRODUCTS } from "./support/orders";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;

beforeAll(async () => {
  sandbox = await startSandbox();
  // No order waits long here: the wait window only delays the key-leak test's order.
  app = await startApp({ cwsUrl: sandbox.url, workflow: "inngest-unreachable", env: { ORDER_SYNC_WAIT_MS: "200" } });
  g2a = new G2aCaller(app);
});
afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  await sandbox.control("reset", {});
  await app.db.g2aNotification.deleteMany();
  await cleanOrderTables(app);
});

/** G2A's example batch (§7). */
const EXAMPLE = {
  notification_type: "auction_deactivated",
  date: "2025-07-21T17:32:28Z",
  data: { message: "G2A product not found", auction_id: 12345, offer_id: "aca21a59-5b76-4fb8-8329-f5157a53c824" },
};

function notify(body: string | unknown[]): Promise<G2aAnswer> {
  return g2a.raw("POST", "/notifications", {
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });
}

function storedRows() {
  return app.db.g2aNotification.findMany({ orderBy: { id: "asc" } });
}

function expectNoContent(answer: G2aAnswer): void {
  expect(answer.status, answer.text).toBe(204);
  expect(answer.text).toBe("");
  expect(answer.headers.get("content-type")).toBeNull();
  expect(answer.headers.get("cache-control")).toBe("no-store, no-transform");
}

const NO_COLUMNS = { notificationType: null, date: null, offerId: null, auctionId: null, message: null };

describe("POST /notifications (§7)", () => {
  it("stores G2A's example and answers 204 with no body", async () => {
    const before = Date.now();
    expectNoContent(await notify([EXAMPLE]));
    const rows = await storedRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      raw: JSON.stringify(EXAMPLE),
      notificationType: "auction_deactivated",
      date: "2025-07-21T17:32:28Z",
      offerId: "aca21a59-5b76-4fb8-8329-f5157a53c824",
      auctionId: "12345",
      message: "G2A product not found",
    });
    expect(rows[0]?.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(rows[0]?.receivedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("stores each entry exactly as received: spacing, key order and every digit kept", async () => {
    const first =
      '{ "data" : {"auction_id": 123456789012345678901, "price": 1.50 }, "notification_type":"auction_deactivated" }';
    const second =
      '{"notification_type":"auction_deactivated","data":{"message":"tab\\there \\"quoted\\" , [not] {a} split"}}';
    expectNoContent(await notify(`[\n  ${first} ,\n\t${second}\n]`));
    const rows = await storedRows();
    expect(rows.map((row) => row.raw)).toEqual([first, second]);
    // 123456789012345678901 is an integer JSON cannot hand us exactly: no auction_id column.
    expect(rows[0]).toMatchObject({
      notificationType: "auction_deactivated",
      auctionId: null,
      offerId: null,
      message: null,
    });
    expect(rows[1]).toMatchObject({ message: 'tab\there "quoted" , [not] {a} split' });
  });

  it("fills each column only where the field is present and of the right type", async () => {
    const entries = [
      {},
      { notification_type: 5, date: 20250721, data: { message: 42, auction_id: 1.5, offer_id: { id: "x" } } },
      { notification_type: "auction_deactivated", data: "G2A product not found" },
      { notification_type: "auction_deactivated", data: [{ message: "inside an array" }] },
      { data: { auction_id: true, offer_id: null, message: null } },
      { date: "2025-07-21T17:32:28Z", message: "not inside data", auction_id: 1, offer_id: "not inside data" },
      { data: { auction_id: "98765", offer_id: "3f0c5b1e-2f55-4f7e-9f3a-4a2c1b0d9e8f" } },
    ];
    expectNoContent(await notify(entries));
    const rows = await storedRows();
    expect(rows.map((row) => JSON.parse(row.raw) as unknown)).toEqual(entries);
    expect(
      rows.map(({ notificationType, date, offerId, auctionId, message }) => ({
        notificationType,
        date,
        offerId,
        auctionId,
        message,
      })),
    ).toEqual([
      NO_COLUMNS,
      NO_COLUMNS,
      { ...NO_COLUMNS, notificationType: "auction_deactivated" },
      { ...NO_COLUMNS, notificationType: "auction_deactivated" },
      NO_COLUMNS,
      { ...NO_COLUMNS, date: "2025-07-21T17:32:28Z" },
      { ...NO_COLUMNS, auctionId: "98765", offerId: "3f0c5b1e-2f55-4f7e-9f3a-4a2c1b0d9e8f" },
    ]);
  });

  it("stores entries that are not objects and notifications of unknown types", async () => {
    expectNoContent(
      await notify(
        '["hello", 42, null, [1,2], true, {"notification_type":"price_changed","date":"2025-08-01T00:00:00Z","data":{"foo":"bar"}}]',
      ),
    );
    const rows = await storedRows();
    expect(rows.map((row) => row.raw)).toEqual([
      '"hello"',
      "42",
      "null",
      "[1,2]",
      "true",
      '{"notification_type":"price_changed","date":"2025-08-01T00:00:00Z","data":{"foo":"bar"}}',
    ]);
    for (const row of rows.slice(0, 5)) expect(row).toMatchObject(NO_COLUMNS);
    expect(rows[5]).toMatchObject({ ...NO_COLUMNS, notificationType: "price_changed", date: "2025-08-01T00:00:00Z" });
  });

  it("keeps duplicates, within a batch and across resent batches", async () => {
    expectNoContent(await notify([EXAMPLE, EXAMPLE]));
    expectNoContent(await notify([EXAMPLE, EXAMPLE]));
    const rows = await storedRows();
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((row) => row.raw))).toEqual(new Set([JSON.stringify(EXAMPLE)]));
  });

  it("answers 204 to an empty array and stores nothing", async () => {
    expectNoContent(await notify("[]"));
    expectNoContent(await notify(" [ \n ] "));
    expect(await app.db.g2aNotification.count()).toBe(0);
  });

  it("answers 400 BAD_REQUEST to a body that is not a JSON array, and stores nothing", async () => {
    for (const body of ["{}", JSON.stringify(EXAMPLE), '"x"', "", "[{]"]) {
      const answer = await notify(body);
      expect(answer.status, body).toBe(400);
      expect(answer.body).toEqual({ code: "BAD_REQUEST", message: expect.any(String) });
    }
    expect(await app.db.g2aNotification.count()).toBe(0);
  });

  it("raises an operator alert for auction_deactivated, linked to the mapping, and leaves the mapping alone", async () => {
    await mapDemoProducts(app.db, ["NEONDO"]);
    await app.db.productMapping.update({
      where: { g2aProductId: String(PRODUCTS.NEONDO) },
      data: { g2aOfferId: EXAMPLE.data.offer_id },
    });
    expectNoContent(await notify([EXAMPLE, { ...EXAMPLE, notification_type: "something_else" }]));
    // Earlier notifications in this file were about offers we do not know: those alerts are the system's.
    const alerts = await app.db.alert.findMany({
      where: { type: "auction-deactivated", subjectId: String(PRODUCTS.NEONDO) },
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      severity: "WARNING",
      state: "OPEN",
      count: 1,
      subjectKind: "MAPPING",
      subjectId: String(PRODUCTS.NEONDO),
      link: `/offers/${PRODUCTS.NEONDO}`,
    });
    expect(alerts[0]!.message).toContain("G2A product not found");
    expect(JSON.parse(alerts[0]!.details!)).toMatchObject({
      g2aProductId: String(PRODUCTS.NEONDO),
      offerId: EXAMPLE.data.offer_id,
      auctionId: "12345",
    });
    expect(
      await app.db.productMapping.findUniqueOrThrow({ where: { g2aProductId: String(PRODUCTS.NEONDO) } }),
    ).toMatchObject({ enabled: true });
  });

  it("does not call CWS", async () => {
    await g2a.token();
    const before = (await sandbox.state()).counters.requests;
    expectNoContent(await notify([EXAMPLE]));
    expect((await sandbox.state()).counters.requests).toEqual(before);
  });
});

describe("GET /healthcheck (§8)", () => {
  it("answers 204 with no body", async () => {
    expectNoContent(await g2a.raw("GET", "/healthcheck"));
  });

  it("answers 204 while selling is paused", async () => {
    await setSellingPaused(app.db, true);
    expectNoContent(await g2a.raw("GET", "/healthcheck"));
    await setSellingPaused(app.db, false);
    expectNoContent(await g2a.raw("GET", "/healthcheck"));
  });

  it("answers 204 while CWS is down, and does not call it", async () => {
    await g2a.token();
    await sandbox.control("faults", { error5xx: { rate: 1, status: 503, routes: ["*"], remaining: null } });
    const before = (await sandbox.state()).counters.requests;
    expectNoContent(await g2a.raw("GET", "/healthcheck"));
    expect((await sandbox.state()).counters.requests).toEqual(before);
  });

  it("answers 401 UNAUTHORIZED without a token", async () => {
    const answer = await g2a.raw("GET", "/healthcheck", { auth: false });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ code: "UNAUTHORIZED", message: "missing bearer token" });
    expect(answer.headers.get("www-authenticate")).toBe("Bearer");
  });
});

type LogLine = Record<string, unknown>;

function logLines(from = 0): LogLine[] {
  return app
    .output()
    .slice(from)
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
}

/** The server writes its log asynchronously to our pipe: wait until matching lines show up. */
async function waitForLines(match: (line: LogLine) => boolean, from = 0): Promise<LogLine[]> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const lines = logLines(from).filter(match);
    if (lines.length > 0 || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("request logging (§3.7)", () => {
  it("writes one structured JSON line per call with method, path, status and ms", async () => {
    const token = await g2a.token();
    const { clientId, clientSecret } = app.credentials;
    const calls: Array<{ method: string; path: string; status: number; body?: unknown; auth?: boolean }> = [
      { method: "GET", path: "/healthcheck", status: 204 },
      { method: "GET", path: "/healthcheck", status: 401, auth: false },
      { method: "POST", path: "/notifications", status: 204, body: [EXAMPLE] },
      { method: "POST", path: "/reservation", status: 400, body: [] },
      { method: "PUT", path: `/reservation/${randomUUID()}`, status: 404 },
      { method: "PATCH", path: "/order", status: 405 },
      { method: "GET", path: "/no-such-route", status: 404, auth: false },
      {
        method: "GET",
        path: `/oauth/token?${new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret })}`,
        status: 200,
        auth: false,
      },
    ];
    for (const call of calls) {
      const requestId = randomUUID();
      const answer = await g2a.raw(call.method, call.path, {
        body: call.body,
        auth: call.auth === false ? false : token,
        headers: { "X-Request-Id": requestId },
      });
      expect(answer.status, `${call.method} ${call.path}`).toBe(call.status);
      expect(answer.headers.get("x-request-id")).toBe(requestId);
      const lines = await waitForLines((line) => line.requestId === requestId);
      expect(lines, `${call.method} ${call.path}`).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        level: "info",
        msg: "g2a request",
        method: call.method,
        path: `/api/g2a${call.path.split("?")[0]}`,
        status: call.status,
        ms: expect.any(Number),
      });
      expect(lines[0]?.ms).toBeGreaterThanOrEqual(0);
    }
  });

  it("never writes the client secret, access tokens or keys, wherever G2A puts them", async () => {
    const { clientId, clientSecret } = app.credentials;
    const params = { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret };
    const tokens: string[] = [];
    const take = (answer: G2aAnswer) => {
      expect(answer.status, answer.text).toBe(200);
      tokens.push((answer.body as { access_token: string }).access_token);
    };
    take(await g2a.raw("GET", `/oauth/token?${new URLSearchParams(params)}`, { auth: false }));
    take(
      await g2a.raw("POST", "/oauth/token", {
        body: new URLSearchParams(params).toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        auth: false,
      }),
    );
    take(await g2a.raw("POST", "/oauth/token", { body: params, auth: false }));
    take(
      await g2a.raw("POST", "/oauth/token", {
        body: "grant_type=client_credentials",
        headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}` },
        auth: false,
      }),
    );
    const wrongSecret = `${clientSecret.slice(0, -4)}WXYZ`;
    expect(
      (
        await g2a.raw("GET", `/oauth/token?${new URLSearchParams({ ...params, client_secret: wrongSecret })}`, {
          auth: false,
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await g2a.raw("POST", "/oauth/token", {
          body: `{"grant_type":"client_credentials","client_secret":"${clientSecret}",`,
          headers: { "Content-Type": "application/json" },
          auth: false,
        })
      ).status,
    ).toBe(400);

    // Keys travel in answers only: an order completed with keys, read back twice.
    await mapDemoProducts(app.db, ["NEONDO"]);
    const { orderId } = await placeOrder(g2a, [{ product_id: PRODUCTS.NEONDO, quantity: 2 }]);
    const keyValues = [
      `NEONDO-${randomUUID().slice(0, 8).toUpperCase()}`,
      `NEONDO-${randomUUID().slice(0, 8).toUpperCase()}`,
    ];
    await completeOrder(app, orderId, [keyValues.map((text) => ({ text }))]);
    for (let i = 0; i < 2; i++) {
      const inventory = await g2a.raw("GET", `/order/${orderId}/inventory`, { auth: tokens[i] });
      expect(inventory.text).toContain(keyValues[0]);
    }
    for (const token of tokens) {
      expect((await g2a.raw("GET", "/healthcheck", { auth: token })).status).toBe(204);
      expect(
        (await g2a.raw("GET", "/healthcheck", { auth: false, headers: { Authorization: `Token ${token}` } })).status,
      ).toBe(401);
    }
    expect((await g2a.raw("GET", "/healthcheck", { auth: randomUUID() })).status).toBe(401);

    await waitForLines((line) => line.status === 401 && line.path === "/api/g2a/healthcheck");
    const output = app.output();
    expect(output).toContain('"msg":"g2a request"');
    const secrets: Record<string, string> = {
      "the client secret": clientSecret,
      "a wrong secret": wrongSecret,
      "the CWS client secret": CWS_PUBLIC_SANDBOX_CLIENT_SECRET,
    };
    tokens.forEach((token, index) => (secrets[`access token ${index}`] = token));
    keyValues.forEach((value, index) => (secrets[`key ${index}`] = value));
    for (const [name, value] of Object.entries(secrets))
      expect(output.includes(value), `${name} appears in the server output`).toBe(false);
  });
});
