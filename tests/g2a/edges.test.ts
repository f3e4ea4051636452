import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapDemoProducts, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import type { G2aCaller } from "../support/g2a-caller";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;

beforeAll(async () => {
  ({ sandbox, app, g2a } = await startAppWithSandbox({ workflow: "inngest-unreachable" }));
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));

const envelope = (body: unknown) => Object.keys(body as object).sort();

describe("edges of the G2A routes", () => {
  it.each(["/reservation/%ZZ", "/order/%E0%A4%A/inventory", "/nope%ZZ"])(
    "answers 404 NOT_FOUND, not a 5xx, for the badly encoded path %s",
    async (path) => {
      for (const method of ["GET", "PUT", "DELETE"]) {
        const answer = await g2a.raw(method, path);
        expect(answer.status).toBe(404);
        expect(answer.body).toMatchObject({ code: "NOT_FOUND" });
        expect(envelope(answer.body)).toEqual(["code", "message"]);
      }
    },
  );

  it.each(["", "/"])("answers 404 NOT_FOUND as JSON for the base path itself (%j)", async (suffix) => {
    const answer = await g2a.raw("GET", suffix, { auth: false });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ code: "NOT_FOUND", message: "no such route" });
  });

  it.each([
    ["/reservation", "POST"],
    ["/reservation/2a121cfe-8e7e-4ec2-a189-1738a43cc5e6", "PUT, DELETE"],
    ["/order", "POST"],
    ["/order/1/inventory", "GET, DELETE"],
    ["/order/1/inventory/2", "GET"],
    ["/order/1/inventory/2/account", "GET"],
  ])("answers OPTIONS %s with 405 and Allow: %s", async (path, allow) => {
    const answer = await g2a.raw("OPTIONS", path);
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe(allow);
    expect(answer.body).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses a reservation of more than 100 lines with 400, never a 5xx", async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => ({ product_id: 20000000000000 + i, quantity: 1 }));
    const answer = await g2a.reserve(lines);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: "BAD_REQUEST", message: "body may contain at most 100 entries" });
  });

  it("accepts a reservation of 100 lines and checks each", async () => {
    await mapDemoProducts(app.db, ["SKYOUT"]);
    const lines = Array.from({ length: 100 }, (_, i) => ({
      product_id: i === 0 ? 10000000000021 : 20000000000000 + i,
      quantity: 1,
    }));
    expect(await g2a.reserve(lines)).toMatchObject({
      status: 404,
      body: { code: "PRODUCT_NOT_MAPPED", message: "product 20000000000001 is not for sale" },
    });
  });

  it("stores a notification batch of thousands of entries, all of them", async () => {
    const before = await app.db.g2aNotification.count();
    const batch = `[${Array.from({ length: 8000 }, () => "1").join(",")}]`;
    expect((await g2a.raw("POST", "/notifications", { body: batch })).status).toBe(204);
    expect((await app.db.g2aNotification.count()) - before).toBe(8000);
  });
});
