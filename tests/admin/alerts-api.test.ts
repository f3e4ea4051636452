import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertDetail, AlertPage } from "@/lib/admin/alert-schema";
import type { AlertChannelView, CreatedAlertChannel } from "@/lib/admin/alert-channel-schema";
import { verifySignature } from "@/lib/alerts/channels";
import { adminCall, signInStaff, type StaffCookies } from "../support/admin-session";
import { mapDemoProducts, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import type { G2aCaller } from "../support/g2a-caller";
import { buy, eventually, orderStatus } from "../fulfillment/support-http";
import { startHttpReceiver, type HttpReceiver } from "../alerts/receivers";

// The running app: an order that fails raises an alert, the embedded engine delivers it to the
// channels the environment configures, staff acknowledge it, and it resolves itself once the order
// completes. Channels saved in Settings keep their secrets to themselves.

const SIGNING_SECRET = "whsec_app-test-signing-secret-0123456789";
const SLACK_PATH = "/services/T0000/B0000/slack-secret-token";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;
let staff: StaffCookies;
let webhook: HttpReceiver;
let slack: HttpReceiver;
let saved: HttpReceiver;

beforeAll(async () => {
  webhook = await startHttpReceiver({ secret: SIGNING_SECRET });
  slack = await startHttpReceiver();
  saved = await startHttpReceiver();
  ({ sandbox, app, g2a } = await startAppWithSandbox({
    env: {
      ALERT_WEBHOOK_URL: `${webhook.url}/alerts`,
      ALERT_WEBHOOK_SECRET: SIGNING_SECRET,
      ALERT_SLACK_WEBHOOK_URL: `${slack.url}${SLACK_PATH}`,
      ALERT_SLACK_MIN_SEVERITY: "critical",
      ALERT_DELIVERY_RETRY_SECONDS: "1,1",
    },
  }));
  await mapDemoProducts(app.db, ["TPWHP"]);
  staff = await signInStaff(app);
});
afterAll(async () => {
  await stopAppWithSandbox({ app, sandbox });
  for (const receiver of [webhook, slack, saved]) await receiver.close();
});

const events = (receiver: HttpReceiver) =>
  receiver.requests.map((request) => (request.json as { event?: string; text?: string }).event ?? "slack");

describe("alerts in the running app", () => {
  let alertId: string;
  let orderId: string;

  it("raises a critical alert for an order failed by a too-low CWS balance, and the engine delivers it signed, retrying a channel that failed", async () => {
    // Slack is down for the first attempt; the engine's run sleeps a second and tries again.
    slack.answerWith(503, { body: "maintenance" });
    const { reservationId } = await buy(g2a, 10000000000014, 1);
    const order = await app.db.order.findUniqueOrThrow({ where: { reservationId } });
    orderId = order.id;
    expect(order.status).toBe("FAILED");

    await eventually(
      async () => slack.requests.length,
      (count) => count === 1,
    );
    slack.answerWith(200);
    await eventually(
      async () => [webhook.requests.length, slack.requests.length],
      ([webhooks, slacks]) => webhooks === 1 && slacks === 2,
    );
    expect(slack.requests.map((request) => request.answeredWith)).toEqual([503, 200]);
    const [posted] = webhook.requests;
    expect(posted!.signature).toEqual({ ok: true });
    expect(posted!.json).toMatchObject({
      event: "raised",
      alert: {
        type: "cws-balance-too-low",
        severity: "critical",
        title: "Order failed: CWS balance too low",
        link: `${app.url}/orders/${orderId}`,
        subject: { kind: "order", id: orderId, label: `G2A order ${order.g2aOrderId}` },
      },
    });
    expect((slack.requests[1]!.json as { text: string }).text).toContain(
      "[CRITICAL] Order failed: CWS balance too low",
    );

    const page = await adminCall(app, staff.viewer, "GET", "/api/admin/alerts?state=open");
    expect(page.status).toBe(200);
    const body = page.body as AlertPage;
    expect(body.counts.open).toBe(1);
    expect(body.items).toMatchObject([
      { type: "cws-balance-too-low", severity: "critical", count: 1, link: `/orders/${orderId}` },
    ]);
    alertId = body.items[0]!.id;
    expect(await adminCall(app, staff.viewer, "GET", "/api/admin/alerts/summary")).toEqual({
      status: 200,
      body: { openCritical: 1, open: 1 },
    });
    const detail = (await adminCall(app, staff.viewer, "GET", `/api/admin/alerts/${alertId}`)).body as AlertDetail;
    expect(detail.deliveries.map((row) => [row.channelId, row.status, row.attempts]).sort()).toEqual([
      ["env-slack", "sent", 2],
      ["env-webhook", "sent", 1],
    ]);
  });

  it("lets an operator acknowledge it (a viewer may not), audited, and leaves the sidebar count", async () => {
    expect(await adminCall(app, staff.viewer, "POST", `/api/admin/alerts/${alertId}/acknowledge`, {})).toMatchObject({
      status: 403,
      body: { code: "FORBIDDEN" },
    });
    const acknowledged = await adminCall(app, staff.operator, "POST", `/api/admin/alerts/${alertId}/acknowledge`, {
      note: "topping up CWS now",
    });
    expect(acknowledged).toMatchObject({
      status: 200,
      body: {
        alert: { state: "acknowledged", acknowledgedBy: "oncall@example.com", acknowledgeNote: "topping up CWS now" },
      },
    });
    expect(await adminCall(app, staff.operator, "POST", `/api/admin/alerts/${alertId}/acknowledge`, {})).toMatchObject({
      status: 409,
      body: { code: "CONFLICT" },
    });
    expect(
      await adminCall(app, staff.operator, "POST", `/api/admin/alerts/${alertId}/resolve`, { note: "" }),
    ).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", fieldErrors: { note: [expect.any(String)] } },
    });
    expect(await adminCall(app, staff.viewer, "GET", "/api/admin/alerts/summary")).toMatchObject({
      body: { openCritical: 0, open: 0 },
    });
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { action: "alert.acknowledge", targetId: alertId } });
    expect(audit).toMatchObject({ actorEmail: "oncall@example.com", reason: "topping up CWS now" });
  });

  it("resolves itself once the order completes after a top-up and Retry, and tells the channels", async () => {
    await sandbox.control("account", { currentBalance: 2_000_000_000 });
    expect(
      (
        await adminCall(app, staff.operator, "POST", `/api/admin/orders/${orderId}/retry-fulfillment`, {
          reason: "topped up",
        })
      ).status,
    ).toBe(200);
    await eventually(
      () => orderStatus(app, orderId),
      (current) => current.status === "COMPLETED",
    );
    const detail = (await adminCall(app, staff.viewer, "GET", `/api/admin/alerts/${alertId}`)).body as AlertDetail;
    expect(detail.alert).toMatchObject({
      state: "resolved",
      resolvedBy: null,
      resolution: "The order completed: every key is stored",
    });
    await eventually(
      async () => events(webhook),
      (seen) => seen.length === 2,
    );
    expect(events(webhook)).toEqual(["raised", "resolved"]);
    expect(webhook.requests[1]!.signature).toEqual({ ok: true });
  });
});

describe("alert channels saved in Settings", () => {
  let created: CreatedAlertChannel;
  const testCreated = () =>
    adminCall(app, staff.admin, "POST", `/api/admin/settings/alert-channels/${created.channel.id}/test`);
  /** Whether a request the receiver got carries a valid signature with the secret shown at creation. */
  const signedWithCreatedSecret = (request: HttpReceiver["requests"][number]) =>
    verifySignature(created.signingSecret!, request.headers["x-signature"]?.toString(), request.body, {
      nowSeconds: Date.now() / 1000,
    });

  it("are for ADMIN only", async () => {
    expect((await adminCall(app, staff.operator, "GET", "/api/admin/settings/alert-channels")).status).toBe(403);
    expect(
      (
        await adminCall(app, staff.operator, "POST", "/api/admin/settings/alert-channels", {
          kind: "slack",
          name: "x",
          minSeverity: "info",
          webhookUrl: saved.url,
        })
      ).status,
    ).toBe(403);
  });

  it("creates a signed webhook with a generated secret shown once, and never answers a secret again", async () => {
    const answer = await adminCall(app, staff.admin, "POST", "/api/admin/settings/alert-channels", {
      kind: "webhook",
      name: "Pager bridge",
      minSeverity: "warning",
      url: `${saved.url}/hook?token=url-secret-token`,
    });
    expect(answer.status).toBe(201);
    created = answer.body as CreatedAlertChannel;
    expect(created.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.channel).toMatchObject({
      kind: "webhook",
      name: "Pager bridge",
      source: "settings",
      target: `Signed webhook at 127.0.0.1:${saved.port}`,
      enabled: true,
      health: { state: "unused" },
    });

    const listed = await adminCall(app, staff.admin, "GET", "/api/admin/settings/alert-channels");
    const text = JSON.stringify(listed.body);
    for (const secret of [created.signingSecret!, "url-secret-token", SLACK_PATH, SIGNING_SECRET])
      expect(text).not.toContain(secret);
    const channels = (listed.body as { channels: AlertChannelView[] }).channels;
    expect(channels.map((channel) => [channel.id, channel.source])).toEqual([
      ["env-slack", "environment"],
      ["env-webhook", "environment"],
      [created.channel.id, "settings"],
    ]);
    const row = await app.db.alertChannel.findUniqueOrThrow({ where: { id: created.channel.id } });
    expect(JSON.stringify(row)).not.toContain(created.signingSecret!);
    expect(JSON.stringify(row)).not.toContain("url-secret-token");
  });

  it("receives the alerts the app raises, signed with its own secret", async () => {
    await sandbox.control("account", { currentBalance: 0 });
    const { reservationId } = await buy(g2a, 10000000000014, 1);
    const { id } = await app.db.order.findUniqueOrThrow({ where: { reservationId } });
    await eventually(
      async () => saved.requests.length,
      (count) => count === 1,
    );
    expect(saved.requests[0]!.json).toMatchObject({
      event: "raised",
      alert: { type: "cws-balance-too-low", subject: { id } },
    });
    expect(signedWithCreatedSecret(saved.requests[0]!)).toEqual({ ok: true });
    saved.requests.length = 0;
  });

  it("sends a test alert and says in words what happened", async () => {
    const sent = await testCreated();
    expect(sent).toMatchObject({
      status: 200,
      body: { ok: true, message: `Delivered to "Pager bridge": 127.0.0.1:${saved.port} answered HTTP 200.` },
    });
    const [test] = saved.requests;
    expect(test!.path).toBe("/hook?token=url-secret-token");
    expect(signedWithCreatedSecret(test!)).toEqual({ ok: true });
    expect(test!.json).toMatchObject({ event: "test", alert: { title: "Test alert" } });

    await saved.down();
    const failed = await testCreated();
    expect(failed).toMatchObject({
      status: 200,
      body: { ok: false, message: expect.stringContaining('Not delivered to "Pager bridge"') },
    });
    expect(JSON.stringify(failed.body)).not.toContain("url-secret-token");
    await saved.up();
    const audit = await app.db.auditLog.findMany({
      where: { action: "alert_channel.test", targetId: created.channel.id },
    });
    expect(audit).toHaveLength(2);
  });

  it("keeps the saved secrets when an edit leaves them empty, and removes the channel", async () => {
    const edited = await adminCall(
      app,
      staff.admin,
      "PUT",
      `/api/admin/settings/alert-channels/${created.channel.id}`,
      {
        kind: "webhook",
        name: "Pager bridge (critical)",
        minSeverity: "critical",
        url: "",
        signingSecret: "",
      },
    );
    expect(edited).toMatchObject({ status: 200, body: { name: "Pager bridge (critical)", minSeverity: "critical" } });
    saved.requests.length = 0;
    expect((await testCreated()).body).toMatchObject({ ok: true });
    expect(signedWithCreatedSecret(saved.requests[0]!)).toEqual({ ok: true });

    expect(
      await adminCall(app, staff.admin, "PUT", "/api/admin/settings/alert-channels/env-slack", {
        kind: "slack",
        name: "mine now",
        minSeverity: "info",
      }),
    ).toMatchObject({ status: 409, body: { code: "CONFLICT" } });
    expect(
      (await adminCall(app, staff.admin, "DELETE", `/api/admin/settings/alert-channels/${created.channel.id}`)).status,
    ).toBe(200);
    expect(
      await adminCall(app, staff.admin, "DELETE", `/api/admin/settings/alert-channels/${created.channel.id}`),
    ).toMatchObject({
      status: 404,
      body: { code: "NOT_FOUND" },
    });
  });
});
