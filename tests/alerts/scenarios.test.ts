import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit";
import type { FulfillmentDeps } from "@/lib/fulfillment/deps";
import { startSandbox, type Sandbox } from "../support/cws-sandbox";
import { createTestDb, type TestDb } from "../support/test-db";
import { createDeps, createPaidOrder, drive } from "../fulfillment/support";
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from "./receivers";

// What on-call staff live through: alerts raised by the product itself as orders go wrong, sent to
// real receivers on 127.0.0.1 (a signed webhook and an SMTP server), and resolved when things clear.

const SIGNING_SECRET = "whsec_scenario-signing-secret-0123456789";
const SMTP_PASSWORD = "smtp-password-never-shown";
const operator: Actor = { id: "u-op", email: "oncall@example.com", role: "OPERATOR" };

let sandbox: Sandbox;
let webhook: HttpReceiver;
let smtp: SmtpReceiver;
let testDb: TestDb;
let deps: FulfillmentDeps;
let alerts: typeof import("@/lib/alerts/config");
let delivery: typeof import("@/lib/alerts/deliver");
let raising: typeof import("@/lib/alerts/raise");
let actions: typeof import("@/lib/fulfillment/staff-actions");
let maintenance: typeof import("@/lib/fulfillment/maintenance");

beforeAll(async () => {
  sandbox = await startSandbox();
  webhook = await startHttpReceiver({ secret: SIGNING_SECRET });
  smtp = await startSmtpReceiver({ user: "alerts", password: SMTP_PASSWORD });
  // The channels as an operator would configure them, read by the product when it first raises.
  process.env.ALERT_WEBHOOK_URL = `${webhook.url}/hooks/alerts`;
  process.env.ALERT_WEBHOOK_SECRET = SIGNING_SECRET;
  process.env.ALERT_SMTP_URL = `smtp://alerts:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}?security=none`;
  process.env.ALERT_EMAIL_TO = "oncall@example.com";
  process.env.ALERT_EMAIL_MIN_SEVERITY = "critical";
  process.env.ALERT_DELIVERY_RETRY_SECONDS = "1,1";
  process.env.NEXTAUTH_URL = "https://dashboard.example.com";
  // One database for the file: staff actions send their event through the app's client, into the
  // database the environment names (opened once per process).
  testDb = createTestDb();
  process.env.DATA_DIR = path.dirname(testDb.file);
  process.env.DATABASE_URL = `file:${testDb.file}`;
  process.env.KEY_ENCRYPTION_KEY = randomBytes(32).toString("base64");
  deps = createDeps(testDb, sandbox);
  alerts = await import("@/lib/alerts/config");
  delivery = await import("@/lib/alerts/deliver");
  raising = await import("@/lib/alerts/raise");
  actions = await import("@/lib/fulfillment/staff-actions");
  maintenance = await import("@/lib/fulfillment/maintenance");
});
afterAll(async () => {
  await testDb.close();
  await webhook.close();
  await smtp.close();
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.control("reset", {});
  // Earlier tests' alerts and deliveries are done with: each test counts what it raises and sends itself.
  await deps.db.alertDelivery.deleteMany();
  await deps.db.alert.updateMany({ where: { state: { not: "RESOLVED" } }, data: { state: "RESOLVED", openKey: null } });
  webhook.requests.length = 0;
  smtp.messages.length = 0;
  webhook.answerWith(200);
});

const alertsOf = (type: string, subjectId?: string) =>
  deps.db.alert.findMany({ where: { type, ...(subjectId ? { subjectId } : {}) }, include: { deliveries: true } });

/** A "keys late" alert for a new order, its one delivery (to the webhook), and one attempt at it per call. */
async function keysLateToWebhook() {
  const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
  await raising.raise(alerts.alertDepsOn(deps.db), {
    type: "keys-late",
    subject: { kind: "order", orderId },
    message: "Keys late: CWS has not delivered every key 10 minutes after the purchase",
  });
  const [row] = await deps.db.alertDelivery.findMany();
  expect(row).toMatchObject({ channelId: "env-webhook", status: "PENDING" });
  return { orderId, row: row!, attempt: () => delivery.attemptDelivery(alerts.alertDepsOn(deps.db), row!.id) };
}

/** Delivers every pending delivery once, as the engine's run would (one attempt each). */
async function deliverPending(): Promise<string[]> {
  const pending = await deps.db.alertDelivery.findMany({ where: { status: "PENDING" }, orderBy: { createdAt: "asc" } });
  const outcomes: string[] = [];
  for (const row of pending)
    outcomes.push((await delivery.attemptDelivery(alerts.alertDepsOn(deps.db), row.id)).status);
  return outcomes;
}

describe("alerts on-call staff live through", () => {
  it("raises one critical alert for a purchase with an unknown outcome (not one per retry), and resolves it when staff's retry succeeds", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    const { g2aOrderId } = await deps.db.order.findUniqueOrThrow({ where: { id: orderId } });
    await sandbox.control("faults", { timeout: { rate: 1, holdMs: 1500, routes: ["POST /v3/orders"], remaining: 3 } });
    await drive(deps, orderId);
    // The run, its retries and the cron all come back to the order; none of them raises again.
    await drive(deps, orderId);
    await drive(deps, orderId);

    const [raised, ...others] = await alertsOf("outcome-unknown");
    expect(others).toEqual([]);
    expect(raised).toMatchObject({
      severity: "CRITICAL",
      state: "OPEN",
      count: 1,
      subjectKind: "ORDER",
      subjectId: orderId,
      subjectLabel: `G2A order ${g2aOrderId}`,
      link: `/orders/${orderId}`,
      title: "Purchase outcome unknown",
    });
    expect(raised!.message).toContain("Check CWS's panel, then Retry");
    expect(raised!.deliveries.map((row) => row.channelId).sort()).toEqual(["env-email", "env-webhook"]);

    expect(await deliverPending()).toEqual(["sent", "sent"]);
    const [posted] = webhook.requests;
    expect(posted!.path).toBe("/hooks/alerts");
    expect(posted!.signature).toEqual({ ok: true });
    expect(posted!.json).toMatchObject({
      event: "raised",
      alert: { type: "outcome-unknown", severity: "critical", link: `https://dashboard.example.com/orders/${orderId}` },
    });
    const [mail] = smtp.messages;
    expect(mail!.headers.subject).toContain("[CRITICAL] Purchase outcome unknown");
    expect(mail!.text).toContain(`https://dashboard.example.com/orders/${orderId}`);

    // Staff checked CWS (nothing there) and retry; this time CWS answers and the keys come.
    await actions.retryFulfillment(deps, orderId, "checked CWS: no order there", operator);
    await drive(deps, orderId);
    expect((await deps.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("COMPLETED");

    const [resolved] = await alertsOf("outcome-unknown");
    expect(resolved).toMatchObject({
      state: "RESOLVED",
      resolvedBy: null,
      resolution: "The order completed: every key is stored",
      openKey: null,
      count: 1,
    });
    expect(await deliverPending()).toEqual(["sent", "sent"]);
    expect(webhook.requests.map((request) => (request.json as { event: string }).event)).toEqual([
      "raised",
      "resolved",
    ]);
    expect(smtp.messages[1]!.headers.subject).toContain("[RESOLVED]");
    // No secret of the channels reached an alert, a delivery record or a message.
    const stored = JSON.stringify(await deps.db.alert.findMany({ include: { deliveries: true } }));
    for (const secret of [SIGNING_SECRET, SMTP_PASSWORD]) {
      expect(stored).not.toContain(secret);
      expect(webhook.requests.map((request) => request.body).join()).not.toContain(secret);
      expect(smtp.messages.map((message) => message.raw).join()).not.toContain(secret);
    }
  });

  it("raises a warning when the CWS balance falls below the threshold, with the runway at the last 24 hours' spend", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 2 }]);
    await drive(deps, orderId);
    expect((await deps.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("COMPLETED");
    // Everything bought in the last 24 hours (earlier tests' orders included) is the spend.
    const { _sum } = await deps.db.order.aggregate({ _sum: { costTotalCents: true } });
    const costTotalCents = _sum.costTotalCents!;

    await sandbox.control("account", { currentBalance: 12.5, currentCredit: 0 });
    await maintenance.checkCwsBalance(deps, "50.00");
    const [low] = await alertsOf("cws-balance-low");
    const spent = Number(costTotalCents) / 100;
    const hours = Math.floor((12.5 / spent) * 24);
    expect(low).toMatchObject({ severity: "WARNING", state: "OPEN", subjectKind: "CWS_ACCOUNT", link: "/" });
    expect(low!.message).toBe(
      `CWS balance is low: €12.50 left to spend (alert below €50.00). At the last 24 hours' spend (€${spent.toFixed(2)}) it lasts ${hours < 48 ? `about ${hours} hours` : `about ${Math.floor(hours / 24)} days`}. Top up the CWS account.`,
    );
    // Warnings go to the webhook; the e-mail channel takes critical alerts only.
    expect(low!.deliveries.map((row) => row.channelId)).toEqual(["env-webhook"]);

    // The next check repeats the condition: the same alert counts it.
    await maintenance.checkCwsBalance(deps, "50.00");
    expect(await alertsOf("cws-balance-low")).toMatchObject([{ count: 2, state: "OPEN" }]);

    await sandbox.control("account", { currentBalance: 500 });
    await maintenance.checkCwsBalance(deps, "50.00");
    expect(await alertsOf("cws-balance-low")).toMatchObject([
      { state: "RESOLVED", resolution: "The CWS balance is €500.00 again, above €50.00" },
    ]);
  });

  it("does not re-send an acknowledged alert when it repeats; an open one is re-sent at most hourly", async () => {
    let now = new Date("2026-12-02T03:00:00Z");
    const base = alerts.alertDepsOn(deps.db);
    const clocked = { ...base, now: () => now };
    // Two kinds of alert, one order each: a wave of one type is sent once (see the next test).
    const raise = (type: "stuck" | "keys-late", orderId: string) =>
      raising.raise(clocked, {
        type,
        subject: { kind: "order", orderId },
        message: "Stuck: no progress for 15 minutes while PLACING. Retry Fulfillment is safe.",
      });
    const acknowledged = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    const open = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    expect((await raise("stuck", acknowledged)).deliveries).toBe(1);
    expect((await raise("keys-late", open)).deliveries).toBe(1);
    const { acknowledgeAlert } = await import("@/lib/admin/alerts");
    const [toAcknowledge] = await alertsOf("stuck", acknowledged);
    await acknowledgeAlert(deps.db, operator, toAcknowledge!.id, "on it");

    now = new Date("2026-12-02T03:10:00Z");
    expect((await raise("stuck", acknowledged)).deliveries).toBe(0);
    expect((await raise("keys-late", open)).deliveries).toBe(0); // within the hour: counted, not sent again

    now = new Date("2026-12-02T04:30:00Z");
    const repeatedAcknowledged = await raise("stuck", acknowledged);
    const repeatedOpen = await raise("keys-late", open);
    expect(repeatedAcknowledged).toMatchObject({
      created: false,
      deliveries: 0,
      alert: { count: 3, state: "acknowledged" },
    });
    expect(repeatedOpen).toMatchObject({ created: false, deliveries: 1, alert: { count: 3, state: "open" } });
    const sent = await deps.db.alertDelivery.findMany({
      where: { alertId: repeatedOpen.alert.id },
      orderBy: { createdAt: "asc" },
    });
    expect(sent.map((row) => row.event)).toEqual(["raised", "repeated"]);
  });

  it("sends one message for a wave: when the CWS balance runs out, every order that fails is recorded, the first is sent", async () => {
    await sandbox.control("account", { currentBalance: 1, currentCredit: 0 });
    const orders: string[] = [];
    for (let i = 0; i < 3; i++) {
      const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
      await drive(deps, orderId);
      orders.push(orderId);
    }
    const failed = await deps.db.alert.findMany({
      where: { type: "cws-balance-too-low", state: "OPEN" },
      include: { deliveries: true },
      orderBy: { firstSeenAt: "asc" },
    });
    expect(failed.map((alert) => alert.subjectId)).toEqual(orders);
    expect(failed.map((alert) => alert.deliveries.length)).toEqual([2, 0, 0]);
    expect(await deliverPending()).toEqual(["sent", "sent"]);
    expect(webhook.requests).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  });

  it("delivers after retries when the receiver was down and comes back", async () => {
    await webhook.down();
    const { row, attempt } = await keysLateToWebhook();
    expect(await attempt()).toMatchObject({
      status: "retry",
      waitMs: 1000,
      result: expect.stringContaining("attempt 1: "),
    });
    const channel = await deps.db.alertChannelStatus.findUniqueOrThrow({ where: { channelId: "env-webhook" } });
    expect(channel).toMatchObject({ consecutiveFailures: 1, failingSince: null });
    expect(channel.lastError).toContain(`could not reach 127.0.0.1:${webhook.port}`);

    await webhook.up();
    expect(await attempt()).toMatchObject({ status: "sent", result: expect.stringContaining("HTTP 200") });
    expect(await deps.db.alertDelivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "SENT",
      attempts: 2,
    });
    expect(await deps.db.alertChannelStatus.findUniqueOrThrow({ where: { channelId: "env-webhook" } })).toMatchObject({
      consecutiveFailures: 0,
      failingSince: null,
    });
    expect(webhook.requests).toHaveLength(1);
    // A second attempt at a delivery that went through sends nothing.
    expect(await attempt()).toMatchObject({ status: "skipped" });
    expect(webhook.requests).toHaveLength(1);
  });

  it("marks a channel that stays down as failing, raises an alert of its own, and keeps the alert visible", async () => {
    webhook.answerWith(503, { body: "maintenance" });
    const { orderId, row, attempt } = await keysLateToWebhook();
    expect((await attempt()).status).toBe("retry");
    expect((await attempt()).status).toBe("retry");
    expect(await attempt()).toMatchObject({ status: "failed", result: expect.stringContaining("attempt 3: ") });
    expect(webhook.requests).toHaveLength(3);

    expect(await deps.db.alertDelivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "FAILED",
      attempts: 3,
    });
    const status = await deps.db.alertChannelStatus.findUniqueOrThrow({ where: { channelId: "env-webhook" } });
    expect(status.failingSince).not.toBeNull();
    expect(status.lastError).toContain("503");
    const [failing] = await alertsOf("alert-channel-failing");
    expect(failing).toMatchObject({ state: "OPEN", subjectId: "env-webhook", link: "/settings#alert-channels" });
    expect(failing!.message).toContain('Alerts to "Signed webhook (environment)" are not getting through');
    // The channel's own alert goes to the other channels only; the original alert stays open on the page.
    expect(failing!.deliveries.map((delivery) => delivery.channelId)).not.toContain("env-webhook");
    expect(await alertsOf("keys-late", orderId)).toMatchObject([{ state: "OPEN" }]);

    // The channel works again: its next delivery resolves the channel's alert.
    webhook.answerWith(200);
    await raising.raise(alerts.alertDepsOn(deps.db), {
      type: "stuck",
      subject: { kind: "order", orderId },
      message: "Stuck: no progress for 15 minutes while PLACING. Retry Fulfillment is safe.",
    });
    await deliverPending();
    expect(await alertsOf("alert-channel-failing")).toMatchObject([
      { state: "RESOLVED", resolution: '"Signed webhook (environment)" delivered an alert again' },
    ]);
  });
});
