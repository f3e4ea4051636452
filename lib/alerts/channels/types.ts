import { z } from "zod";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

/** A Slack-compatible incoming webhook: Slack, Mattermost and Discord's `/slack` endpoint take the same JSON. */
export const slackTargetSchema = z.object({
  kind: z.literal("slack"),
  /** Its path is the secret token: never shown, logged or put in an error. */
  webhookUrl: httpUrl,
});

/** A generic JSON webhook, signed with `signingSecret` so the receiver can tell our deliveries from forgeries. */
export const webhookTargetSchema = z.object({
  kind: z.literal("webhook"),
  /** Its path and query may carry a token: only the host is ever named. */
  url: httpUrl,
  signingSecret: z.string().min(16),
});

export const smtpSecuritySchema = z.enum(["tls", "starttls", "none"]);

/** Plain-text e-mail over SMTP. `security`: implicit TLS, STARTTLS required, or none (a local relay). */
export const emailTargetSchema = z.object({
  kind: z.literal("email"),
  smtp: z.object({
    host: z.string().min(1),
    port: z.int().min(1).max(65_535),
    security: smtpSecuritySchema,
    user: z.string().min(1).nullable(),
    password: z.string().nullable(),
  }),
  /** An address, or `Name <address>`. */
  from: z.string().min(1),
  to: z.array(z.email({ error: "must be e-mail addresses" })).min(1),
});

/** Where one channel delivers alerts. */
export const channelTargetSchema = z.discriminatedUnion("kind", [
  slackTargetSchema,
  webhookTargetSchema,
  emailTargetSchema,
]);

export type SlackTarget = z.infer<typeof slackTargetSchema>;
export type WebhookTarget = z.infer<typeof webhookTargetSchema>;
export type EmailTarget = z.infer<typeof emailTargetSchema>;
export type SmtpSecurity = z.infer<typeof smtpSecuritySchema>;
export type ChannelTarget = z.infer<typeof channelTargetSchema>;
export type ChannelKind = ChannelTarget["kind"];

/**
 * One delivery attempt's outcome, in short words for an admin ("HTTP 200", "the connection was
 * refused"). Never carries a webhook URL's path or query, a signing secret, a password, or more
 * than ~200 characters of what the receiver answered. `retryable`: whether trying again later may
 * work (a timeout, a 5xx) rather than needing a person to fix the settings (a 404, a refused login).
 */
export type ChannelResult = { ok: true; detail: string } | { ok: false; error: string; retryable: boolean };

export type SendOptions = {
  /** How long one attempt may take in all; 10 s by default. */
  timeoutMs?: number;
  /** The clock for the webhook signature's timestamp and the e-mail's Date. */
  now?: () => Date;
};

export const DEFAULT_TIMEOUT_MS = 10_000;
