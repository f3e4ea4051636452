import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { adminCall, signIn } from "../support/admin-session";
import { mapDemoProducts, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import type { G2aCaller } from "../support/g2a-caller";
import { buy, eventually, orderStatus } from "../fulfillment/support-http";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;
let adminCookie: string;
let viewerCookie: string;

beforeAll(async () => {
  ({ sandbox, app, g2a } = await startAppWithSandbox({
    env: { ADMIN_EMAIL: "admin@example.com", ADMIN_PASSWORD: "correct-horse-battery", ORDER_SYNC_WAIT_MS: "1500" },
  }));
  await mapDemoProducts(app.db, ["TPWHP", "SKYOUT"]);
  await app.db.user.upsert({
    where: { email: "admin@example.com" },
    create: { email: "admin@example.com", passwordHash: await hashPassword("correct-horse-battery"), role: "ADMIN" },
    update: {},
  });
  await app.db.user.create({
    data: { email: "viewer@example.com", passwordHash: await hashPassword("viewer-password-1"), role: "VIEWER" },
  });
  adminCookie = await signIn(app, "admin@example.com", "correct-horse-battery");
  viewerCookie = await signIn(app, "viewer@example.com", "viewer-password-1");
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));

describe("the admin orders API", () => {
  it("answers 401 without a session", async () => {
    expect(await adminCall(app, "", "GET", "/api/admin/orders")).toMatchObject({
      status: 401,
      body: { code: "UNAUTHORIZED" },
    });
  });

  it("retries a failed order end to end: queued, then COMPLETED after a top-up", async () => {
    const { reservationId } = await buy(g2a, 10000000000014, 1);
    const order = await app.db.order.findUniqueOrThrow({ where: { reservationId } });
    expect(order.status).toBe("FAILED");

    const listed = await adminCall(app, viewerCookie, "GET", `/api/admin/orders?q=${order.g2aOrderId}`);
    expect(listed).toMatchObject({ status: 200, body: { total: 1, items: [{ id: order.id, status: "FAILED" }] } });
    expect(
      await adminCall(app, viewerCookie, "POST", `/api/admin/orders/${order.id}/retry-fulfillment`, {
        reason: "topped up",
      }),
    ).toMatchObject({
      status: 403,
      body: { code: "FORBIDDEN" },
    });

    await sandbox.control("account", { currentBalance: 2_000_000_000 });
    const retry = await adminCall(app, adminCookie, "POST", `/api/admin/orders/${order.id}/retry-fulfillment`, {
      reason: "topped up",
    });
    expect(retry).toMatchObject({
      status: 200,
      body: { success: true, orderId: order.id, message: "Fulfillment job queued" },
    });
    await eventually(
      () => orderStatus(app, order.id),
      (current) => current.status === "COMPLETED",
    );

    const again = await adminCall(app, adminCookie, "POST", `/api/admin/orders/${order.id}/retry-fulfillment`, {
      reason: "once more",
    });
    expect(again).toEqual({
      status: 400,
      body: { code: "ORDER_ALREADY_FULFILLED", message: "Order is already fulfilled" },
    });
    const detail = await adminCall(app, viewerCookie, "GET", `/api/admin/orders/${order.id}`);
    expect(
      (detail.body as { timeline: Array<{ type: string; actor: string }> }).timeline.some(
        (event) => event.type === "RETRY_REQUESTED" && event.actor === "admin@example.com",
      ),
    ).toBe(true);
  });

  it("asks for a reason, naming the field", async () => {
    const { orderId } = await buy(g2a, 10000000000021, 1);
    const answer = await adminCall(app, adminCookie, "POST", `/api/admin/orders/${orderId}/retry-fulfillment`, {
      reason: "",
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { reason: expect.any(Array) } });
  });

  it("refuses a mutation from another origin", async () => {
    const { orderId } = await buy(g2a, 10000000000021, 1);
    const response = await fetch(`${app.url}/api/admin/orders/${orderId}/retry-fulfillment`, {
      method: "POST",
      headers: { Cookie: adminCookie, Origin: "https://evil.example", "Content-Type": "application/json" },
      body: JSON.stringify({ reason: "csrf attempt" }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "INVALID_ORIGIN" });
  });

  it("reveals a key only to an admin, once audited", async () => {
    const { orderId } = await buy(g2a, 10000000000021, 1);
    const detail = (await adminCall(app, viewerCookie, "GET", `/api/admin/orders/${orderId}`)).body as {
      items: Array<{ keys: Array<{ id: string; masked: string }> }>;
    };
    const keyId = detail.items[0]!.keys[0]!.id;
    expect(
      await adminCall(app, viewerCookie, "POST", `/api/admin/keys/${keyId}/reveal`, { reason: "buyer support" }),
    ).toMatchObject({ status: 403 });
    const revealed = await adminCall(app, adminCookie, "POST", `/api/admin/keys/${keyId}/reveal`, {
      reason: "buyer support",
    });
    expect(revealed).toMatchObject({
      status: 200,
      body: { keyId, kind: "TEXT", value: expect.stringMatching(/^SKYOUT-/) },
    });
    expect(await app.db.auditLog.count({ where: { action: "key.reveal", targetId: keyId } })).toBe(1);
  });
});
