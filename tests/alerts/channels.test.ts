import net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  newSigningSecret,
  sendToChannel,
  signPayload,
  slackPayload,
  verifySignature,
  webhookBody,
  webhookBodySchema,
  type ChannelResult,
  type EmailTarget,
} from "@/lib/alerts/channels";
import type { AlertMessage } from "@/lib/alerts/message";
import { freePort } from "@/tools/net/free-port";
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from "./receivers";

// Each channel delivers to a real receiver on 127.0.0.1: an HTTP server that checks signatures
// like a real webhook consumer, and an SMTP server that logs users in and takes the message.

const SLACK_TOKEN = "xoxWebhookToken7f3a9c2e1b";
const SLACK_PATH = `/services/T0SHOP/B0ALERTS/${SLACK_TOKEN}`;
const WEBHOOK_TOKEN = "qtok-5d8e1f0a7b";
const WEBHOOK_PATH = `/hooks/alerts?token=${WEBHOOK_TOKEN}`;
const SIGNING_SECRET = "whsec_testSigningSecret4b7c9d1e2f3a";
const SMTP_USER = "alerts@shop.example";
const SMTP_PASSWORD = "smtp-Pa55word-9f3e";
const SECRETS = [SLACK_PATH, SLACK_TOKEN, WEBHOOK_PATH, WEBHOOK_TOKEN, SIGNING_SECRET, SMTP_PASSWORD];

const SHORT_TIMEOUT_MS = 300;

const RAISED: AlertMessage = {
  event: "raised",
  deliveryId: "dlv_01",
  alert: {
    id: "alr_01",
    type: "order-needs-person",
    severity: "critical",
    title: "Order needs a person",
    message: "CWS refused the purchase twice. Check the CWS balance, then retry the order.",
    subject: { kind: "order", id: "ord_1042", label: "Order 1042 (Elden Ring)" },
    link: "https://shop.example/orders/ord_1042",
    state: "open",
    count: 3,
    firstSeenAt: new Date("2026-12-02T10:00:00Z"),
    lastSeenAt: new Date("2026-12-02T10:05:30Z"),
    resolution: null,
  },
};
const RESOLVED: AlertMessage = {
  event: "resolved",
  deliveryId: "dlv_02",
  alert: { ...RAISED.alert, state: "resolved", resolution: "resolved by ops@shop.example" },
};
const TEST: AlertMessage = { ...RAISED, event: "test", deliveryId: "dlv_03" };

/** Asserts a failure with the given retryability whose words name no secret; returns the words. */
function expectFailure(result: ChannelResult, retryable: boolean): string {
  if (result.ok) throw new Error(`expected a failure, got ${result.detail}`);
  expect(result.retryable).toBe(retryable);
  for (const secret of SECRETS) expect(result.error).not.toContain(secret);
  expect(result.error.length).toBeLessThan(300);
  return result.error;
}

describe("Slack channel", () => {
  let receiver: HttpReceiver;
  let webhookUrl: string;
  beforeEach(async () => {
    receiver = await startHttpReceiver();
    webhookUrl = `${receiver.url}${SLACK_PATH}`;
  });
  afterEach(() => receiver.close());

  it("posts a one-line text with the dashboard link and a red attachment listing the alert's facts", async () => {
    const result = await sendToChannel({ kind: "slack", webhookUrl }, RAISED);

    expect(result).toEqual({ ok: true, detail: `127.0.0.1:${receiver.port} answered HTTP 200` });
    const [request] = receiver.requests;
    expect(request?.path).toBe(SLACK_PATH);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.json).toEqual({
      text: ":rotating_light: [CRITICAL] Order needs a person: Order 1042 (Elden Ring) — <https://shop.example/orders/ord_1042|Open in dashboard>",
      attachments: [
        {
          fallback: "[CRITICAL] Order needs a person: Order 1042 (Elden Ring)",
          color: "#d92d20",
          title: "Order needs a person",
          title_link: "https://shop.example/orders/ord_1042",
          text: "CWS refused the purchase twice. Check the CWS balance, then retry the order.",
          fields: [
            { title: "Subject", value: "Order 1042 (Elden Ring)", short: false },
            { title: "Count", value: "3", short: true },
            { title: "First seen", value: "2026-12-02 10:00:00 UTC", short: true },
            { title: "Last seen", value: "2026-12-02 10:05:30 UTC", short: true },
            { title: "State", value: "open", short: true },
          ],
          footer: "G2A Dropship alerts · order-needs-person",
          ts: Date.parse("2026-12-02T10:05:30Z") / 1000,
        },
      ],
    });
  });

  it("says a resolved alert is resolved, in green, with how it was resolved", async () => {
    expect((await sendToChannel({ kind: "slack", webhookUrl }, RESOLVED)).ok).toBe(true);

    expect(receiver.requests[0]?.json).toEqual(slackPayload(RESOLVED));
    const { text, attachments } = slackPayload(RESOLVED);
    expect(text).toMatch(/^:white_check_mark: \[RESOLVED\] Order needs a person: Order 1042/);
    expect(attachments[0]).toMatchObject({
      color: "#12b76a",
      title: "Resolved: Order needs a person",
      title_link: RAISED.alert.link,
      text: expect.stringMatching(/^Resolved: resolved by ops@shop\.example\.\n/),
    });
    expect(attachments[0].fields).toContainEqual({ title: "State", value: "resolved", short: true });
  });

  it("says a test message is a test sent from the dashboard, in the severity's colour", async () => {
    expect((await sendToChannel({ kind: "slack", webhookUrl }, TEST)).ok).toBe(true);

    expect(receiver.requests[0]?.json).toEqual(slackPayload(TEST));
    const { text, attachments } = slackPayload(TEST);
    expect(text).toMatch(/^:test_tube: \[TEST\] Order needs a person/);
    expect(attachments[0]).toMatchObject({ color: "#d92d20", title: "Test: Order needs a person" });
    expect(attachments[0].text).toMatch(/^This is a test sent from the dashboard/);
  });

  it("colours warnings amber and info blue, and escapes Slack's markup characters in alert text", () => {
    const warning = slackPayload({ ...RAISED, alert: { ...RAISED.alert, severity: "warning" } });
    const info = slackPayload({ ...RAISED, alert: { ...RAISED.alert, severity: "info" } });
    expect([warning.attachments[0].color, info.attachments[0].color]).toEqual(["#f79009", "#2e90fa"]);
    expect(warning.text.startsWith(":warning: [WARNING]")).toBe(true);

    const marked = slackPayload({
      ...RAISED,
      alert: { ...RAISED.alert, title: "Keys <EU> & <NA>", link: "https://x/a|b" },
    });
    expect(marked.attachments[0].title).toBe("Keys &lt;EU&gt; &amp; &lt;NA&gt;");
    expect(marked.text).toContain("<https://x/a%7Cb|Open in dashboard>");
  });

  it("reports a 500 as retryable, naming the host but never the webhook's secret path", async () => {
    receiver.answerWith(500, { body: "internal error" });

    const error = expectFailure(await sendToChannel({ kind: "slack", webhookUrl }, RAISED), true);

    expect(error).toBe(`127.0.0.1:${receiver.port} answered HTTP 500: internal error`);
  });

  it("reports a 404 as not retryable, quoting the receiver's short reason", async () => {
    receiver.answerWith(404, { body: "no_service" });

    const error = expectFailure(await sendToChannel({ kind: "slack", webhookUrl }, RAISED), false);

    expect(error).toBe(`127.0.0.1:${receiver.port} answered HTTP 404: no_service`);
  });

  it("hides the secret path when the receiver echoes it, and quotes at most ~200 characters of an answer", async () => {
    receiver.answerWith(400, { body: `No hook at ${SLACK_PATH}.\n${"x".repeat(5000)}` });

    const error = expectFailure(await sendToChannel({ kind: "slack", webhookUrl }, RAISED), false);

    expect(error).toContain("No hook at [hidden].");
    expect(error.endsWith("…")).toBe(true);
  });

  it("does not follow a redirect: a 302 is a failure to fix in the settings", async () => {
    receiver.answerWith(302, { headers: { Location: `${receiver.url}/elsewhere` } });

    const error = expectFailure(await sendToChannel({ kind: "slack", webhookUrl }, RAISED), false);

    expect(error).toBe(`127.0.0.1:${receiver.port} answered HTTP 302, a redirect (not followed): check the URL`);
    expect(receiver.requests.map((request) => request.path)).toEqual([SLACK_PATH]);
  });

  it("gives up on a receiver that never answers within the timeout, as a retryable failure", async () => {
    receiver.hang();
    const started = Date.now();

    const result = await sendToChannel({ kind: "slack", webhookUrl }, RAISED, { timeoutMs: SHORT_TIMEOUT_MS });

    expect(expectFailure(result, true)).toBe(`127.0.0.1:${receiver.port} timed out after 300 ms`);
    expect(Date.now() - started).toBeLessThan(SHORT_TIMEOUT_MS + 1000);
    expect(receiver.requests).toHaveLength(1);
  });

  it("reports a closed port as a refused connection, retryable", async () => {
    const port = await freePort();

    const result = await sendToChannel({ kind: "slack", webhookUrl: `http://127.0.0.1:${port}${SLACK_PATH}` }, RAISED);

    expect(expectFailure(result, true)).toBe(`could not reach 127.0.0.1:${port}: the connection was refused`);
  });

  it("delivers again once a receiver that was down is back", async () => {
    await receiver.down();
    expectFailure(await sendToChannel({ kind: "slack", webhookUrl }, RAISED), true);

    await receiver.up();
    expect((await sendToChannel({ kind: "slack", webhookUrl }, RAISED)).ok).toBe(true);
    expect(receiver.requests).toHaveLength(1);
  });
});

describe("Signed webhook channel", () => {
  let clockSkewSeconds: number;
  let receiver: HttpReceiver;
  let url: string;
  beforeEach(async () => {
    clockSkewSeconds = 0;
    receiver = await startHttpReceiver({
      secret: SIGNING_SECRET,
      nowSeconds: () => Date.now() / 1000 + clockSkewSeconds,
    });
    url = `${receiver.url}${WEBHOOK_PATH}`;
  });
  afterEach(() => receiver.close());

  it("posts the alert as JSON with ISO dates, the delivery id, and a signature the receiver verifies", async () => {
    const result = await sendToChannel({ kind: "webhook", url, signingSecret: SIGNING_SECRET }, RAISED);

    expect(result).toEqual({ ok: true, detail: `127.0.0.1:${receiver.port} answered HTTP 200` });
    const [request] = receiver.requests;
    expect(request?.signature).toEqual({ ok: true });
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "g2a-dropship-alerts/1",
      "x-alert-delivery": "dlv_01",
      "x-signature": expect.stringMatching(/^t=\d+,v1=[0-9a-f]{64}$/),
    });
    expect(request?.json).toEqual(webhookBody(RAISED));
    const body = webhookBodySchema.parse(request?.json);
    expect(body).toMatchObject({ id: "dlv_01", event: "raised" });
    expect([body.alert.firstSeenAt, body.alert.lastSeenAt]).toEqual([
      "2026-12-02T10:00:00.000Z",
      "2026-12-02T10:05:30.000Z",
    ]);
  });

  it("signs the body so a receiver can verify it and refuse a replay", async () => {
    await sendToChannel({ kind: "webhook", url, signingSecret: SIGNING_SECRET }, RAISED);
    const [captured] = receiver.requests;
    const replay = () =>
      fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Signature": String(captured?.headers["x-signature"]),
        },
        body: captured?.body,
      });

    expect((await replay()).status).toBe(200);
    clockSkewSeconds = 301;
    const late = await replay();

    expect(late.status).toBe(401);
    expect(receiver.requests[2]?.signature).toEqual({
      ok: false,
      reason: expect.stringMatching(/^the timestamp is 30[12] s old, more than 300 s: a replay\?$/),
    });
  });

  it("is refused by the receiver when sent with a stale clock, and says so without retrying", async () => {
    const tenMinutesAgo = () => new Date(Date.now() - 600_000);

    const result = await sendToChannel({ kind: "webhook", url, signingSecret: SIGNING_SECRET }, RAISED, {
      now: tenMinutesAgo,
    });

    expect(expectFailure(result, false)).toMatch(/answered HTTP 401: \{"error":"the timestamp is 600 s old/);
  });

  it("fails verification for a tampered body, a wrong secret, or a missing or malformed header", () => {
    const body = JSON.stringify(webhookBody(RAISED));
    const now = 1_800_000_000;
    const header = signPayload(SIGNING_SECRET, body, now);
    const check = (secret: string, sentHeader: string | null, sentBody: string) =>
      verifySignature(secret, sentHeader, sentBody, { nowSeconds: now + 5 });

    expect(check(SIGNING_SECRET, header, body)).toEqual({ ok: true });
    expect(check(SIGNING_SECRET, header, body.replace('"count":3', '"count":4'))).toEqual({
      ok: false,
      reason: "no v1 signature matches the body and the secret",
    });
    expect(check(newSigningSecret(), header, body)).toEqual({
      ok: false,
      reason: "no v1 signature matches the body and the secret",
    });
    expect(check(SIGNING_SECRET, null, body)).toEqual({ ok: false, reason: "no X-Signature header" });
    expect(check(SIGNING_SECRET, header.replace(/^t=\d+,/, ""), body)).toMatchObject({ ok: false });
    expect(check(SIGNING_SECRET, `t=${now}`, body)).toMatchObject({ ok: false });
    expect(check(SIGNING_SECRET, `t=${now},v1=zz`, body)).toMatchObject({ ok: false });
  });

  it("accepts a timestamp within the tolerance either way, and refuses one outside it", () => {
    const body = "{}";
    const header = signPayload(SIGNING_SECRET, body, 1_800_000_000);
    const at = (nowSeconds: number, toleranceSeconds?: number) =>
      verifySignature(SIGNING_SECRET, header, body, { nowSeconds, toleranceSeconds }).ok;

    expect([at(1_800_000_300), at(1_799_999_700)]).toEqual([true, true]);
    expect([at(1_800_000_301), at(1_799_999_699)]).toEqual([false, false]);
    expect([at(1_800_000_030, 30), at(1_800_000_031, 30)]).toEqual([true, false]);
  });

  it("accepts a header with two v1 entries while the secret is being rotated", () => {
    const [oldSecret, newSecret] = [newSigningSecret(), newSigningSecret()];
    const header = signPayload([oldSecret, newSecret], "{}", 1_800_000_000);

    expect(header.match(/v1=/g)).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) {
      expect(verifySignature(secret, header, "{}", { nowSeconds: 1_800_000_000 })).toEqual({ ok: true });
    }
    expect(verifySignature(newSigningSecret(), header, "{}", { nowSeconds: 1_800_000_000 }).ok).toBe(false);
  });

  it("reports 5xx and 429 as retryable, never quoting the URL's path or query or the signing secret", async () => {
    const target = { kind: "webhook", url, signingSecret: SIGNING_SECRET } as const;
    for (const status of [500, 502, 503, 429]) {
      receiver.answerWith(status, { body: `busy; you sent ${WEBHOOK_PATH} signed with ${SIGNING_SECRET}` });

      const error = expectFailure(await sendToChannel(target, RAISED), true);

      expect(error).toBe(
        `127.0.0.1:${receiver.port} answered HTTP ${status}: busy; you sent [hidden] signed with [hidden]`,
      );
    }
  });

  it("refuses a URL carrying a user name and password without quoting it", async () => {
    const withLogin = `http://hookuser:${SMTP_PASSWORD}@127.0.0.1:${receiver.port}${WEBHOOK_PATH}`;

    const result = await sendToChannel({ kind: "webhook", url: withLogin, signingSecret: SIGNING_SECRET }, RAISED);

    expect(expectFailure(result, false)).toBe("the URL must not carry a user name or password");
    expect(receiver.requests).toHaveLength(0);
  });

  it("makes signing secrets of 32 random bytes behind a whsec_ prefix", () => {
    const secrets = [newSigningSecret(), newSigningSecret()];

    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secret.slice(6), "base64url")).toHaveLength(32);
    }
    expect(secrets[0]).not.toBe(secrets[1]);
  });
});

describe("E-mail channel", () => {
  let smtp: SmtpReceiver;
  let target: EmailTarget;
  beforeEach(async () => {
    smtp = await startSmtpReceiver({ user: SMTP_USER, password: SMTP_PASSWORD });
    target = {
      kind: "email",
      smtp: { host: "127.0.0.1", port: smtp.port, security: "none", user: SMTP_USER, password: SMTP_PASSWORD },
      from: "G2A Dropship <alerts@shop.example>",
      to: ["oncall@shop.example", "boss@shop.example"],
    };
  });
  afterEach(() => smtp.close());

  it("logs in and sends a plain-text e-mail with the alert's facts and the dashboard link on its own line", async () => {
    const sentAt = new Date("2026-12-02T10:06:00Z");

    const result = await sendToChannel(target, RAISED, { now: () => sentAt });

    expect(result).toEqual({
      ok: true,
      detail: expect.stringMatching(/^127\.0\.0\.1:\d+ accepted the message \(250 /),
    });
    const [mail] = smtp.messages;
    expect(mail).toMatchObject({
      user: SMTP_USER,
      envelopeFrom: "alerts@shop.example",
      envelopeTo: ["oncall@shop.example", "boss@shop.example"],
    });
    expect(mail?.headers).toMatchObject({
      from: "G2A Dropship <alerts@shop.example>",
      to: "oncall@shop.example, boss@shop.example",
      subject: "[CRITICAL] Order needs a person: Order 1042 (Elden Ring)",
      "x-alert-delivery": "dlv_01",
      date: "Wed, 02 Dec 2026 10:06:00 +0000",
      "content-type": "text/plain; charset=utf-8",
    });
    expect(mail?.raw).not.toMatch(/text\/html|multipart/i);
    expect(mail?.text).toBe(
      [
        "CWS refused the purchase twice. Check the CWS balance, then retry the order.",
        "",
        "Subject:    Order 1042 (Elden Ring)",
        "Count:      3",
        "First seen: 2026-12-02 10:00:00 UTC",
        "Last seen:  2026-12-02 10:05:30 UTC",
        "State:      open",
        "",
        "Open in the dashboard:",
        "https://shop.example/orders/ord_1042",
        "",
      ].join("\n"),
    );
  });

  it("prefixes the subject [RESOLVED] for a resolved alert and [TEST] for a test, and says which it is first", async () => {
    await sendToChannel(target, RESOLVED);
    await sendToChannel(target, TEST);

    const [resolved, test] = smtp.messages;
    expect(resolved?.headers.subject).toBe("[RESOLVED] Order needs a person: Order 1042 (Elden Ring)");
    expect(resolved?.text).toMatch(/^Resolved: resolved by ops@shop\.example\.\n/);
    expect(resolved?.text).toContain("State:      resolved");
    expect(test?.headers.subject).toBe("[TEST] Order needs a person: Order 1042 (Elden Ring)");
    expect(test?.text).toMatch(/^This is a test sent from the dashboard: the channel works, nothing needs doing\.\n/);
  });

  it("reports a refused login as not retryable, without the password", async () => {
    const wrong = { ...target, smtp: { ...target.smtp, password: `${SMTP_PASSWORD}-old` } };

    const error = expectFailure(await sendToChannel(wrong, RAISED), false);

    expect(error).toBe("the SMTP server refused the login (535)");
    expect(error).not.toContain(`${SMTP_PASSWORD}-old`);
    expect(smtp.messages).toHaveLength(0);
  });

  it("reports recipients refused with 550 as not retryable, quoting the server", async () => {
    for (const recipient of target.to) smtp.refuseRecipient(recipient, 550);

    const error = expectFailure(await sendToChannel(target, RAISED), false);

    expect(error).toBe(`127.0.0.1:${smtp.port} refused the recipients: 550 No mailbox here by that name`);
  });

  it("reports a recipient refused with 450 as retryable", async () => {
    const one = { ...target, to: ["oncall@shop.example"] };
    smtp.refuseRecipient("oncall@shop.example", 450);

    expectFailure(await sendToChannel(one, RAISED), true);
  });

  it("still delivers to the recipients the server accepts, and says which were refused", async () => {
    smtp.refuseRecipient("boss@shop.example", 550);

    const result = await sendToChannel(target, RAISED);

    expect(result).toMatchObject({ ok: true, detail: expect.stringMatching(/; refused for boss@shop\.example$/) });
    expect(smtp.messages[0]?.envelopeTo).toEqual(["oncall@shop.example"]);
  });

  it("reports a stopped server as a refused connection, retryable", async () => {
    await smtp.down();

    const error = expectFailure(await sendToChannel(target, RAISED), true);

    expect(error).toBe(`could not reach 127.0.0.1:${smtp.port}: the connection was refused`);
  });

  it("gives up on a server that never greets within the timeout, as a retryable failure", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const started = Date.now();
    try {
      const result = await sendToChannel({ ...target, smtp: { ...target.smtp, port } }, RAISED, {
        timeoutMs: SHORT_TIMEOUT_MS,
      });

      expect(expectFailure(result, true)).toBe(`127.0.0.1:${port} timed out after 300 ms`);
      expect(Date.now() - started).toBeLessThan(SHORT_TIMEOUT_MS + 1000);
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("with STARTTLS required, refuses to log in over a connection that stays in clear text", async () => {
    const starttls = { ...target, smtp: { ...target.smtp, security: "starttls" as const } };

    const error = expectFailure(await sendToChannel(starttls, RAISED), false);

    expect(error).toMatch(/^TLS with 127\.0\.0\.1:\d+ failed.*: check the security setting$/);
    expect(smtp.messages).toHaveLength(0);
  });

  it("with implicit TLS, fails the handshake with a server that does not speak TLS, as a setting to fix", async () => {
    const tls = { ...target, smtp: { ...target.smtp, security: "tls" as const } };

    const error = expectFailure(await sendToChannel(tls, RAISED, { timeoutMs: 2000 }), false);

    expect(error).toBe(`could not reach 127.0.0.1:${smtp.port}: the TLS handshake failed`);
  });
});

describe("sendToChannel", () => {
  it("never throws: a fault inside a sender comes back as a retryable failure naming only the error's class", async () => {
    const broken: AlertMessage = { ...RAISED, alert: { ...RAISED.alert, firstSeenAt: new Date(Number.NaN) } };
    const unreachable = `http://127.0.0.1:${await freePort()}${WEBHOOK_PATH}`;

    const result = await sendToChannel({ kind: "webhook", url: unreachable, signingSecret: SIGNING_SECRET }, broken);

    expect(result).toEqual({
      ok: false,
      error: "the webhook sender failed unexpectedly (RangeError)",
      retryable: true,
    });
  });
});
