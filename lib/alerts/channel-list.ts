import type { KeyVault } from "@/lib/crypto";
import type { Env } from "@/lib/env";
import type { ChannelTarget } from "./channels/types";
import { atLeast, type AlertSeverity } from "./message";
import type { AlertRecord, StoredChannel } from "./store";

// The channels alerts go to: those the environment configures (ALERT_SLACK_*, ALERT_WEBHOOK_*,
// ALERT_SMTP_URL) and those an admin saved in Settings, their secrets sealed with the key vault.

export type ChannelKind = ChannelTarget["kind"];

/** A channel as raising and the dashboard see it: no secret. */
export type ChannelInfo = {
  id: string;
  kind: ChannelKind;
  name: string;
  minSeverity: AlertSeverity;
  enabled: boolean;
  source: "environment" | "settings";
};

export type EnvironmentChannel = ChannelInfo & { target: ChannelTarget };

type ChannelEnv = Pick<
  Env,
  | "ALERT_SLACK_WEBHOOK_URL"
  | "ALERT_SLACK_MIN_SEVERITY"
  | "ALERT_WEBHOOK_URL"
  | "ALERT_WEBHOOK_SECRET"
  | "ALERT_WEBHOOK_MIN_SEVERITY"
  | "ALERT_SMTP_URL"
  | "ALERT_EMAIL_FROM"
  | "ALERT_EMAIL_TO"
  | "ALERT_EMAIL_MIN_SEVERITY"
>;

/**
 * The SMTP server of an smtp(s):// URL: smtps is TLS from the start; smtp requires STARTTLS unless
 * the URL says `?security=none` (a relay on the same machine).
 */
export function smtpOf(url: string): Extract<ChannelTarget, { kind: "email" }>["smtp"] {
  const parsed = new URL(url);
  const tls = parsed.protocol === "smtps:";
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : tls ? 465 : 587,
    security: tls ? "tls" : parsed.searchParams.get("security") === "none" ? "none" : "starttls",
    user: parsed.username ? decodeURIComponent(parsed.username) : null,
    password: parsed.password ? decodeURIComponent(parsed.password) : null,
  };
}

export function environmentChannels(env: ChannelEnv): EnvironmentChannel[] {
  const channels: EnvironmentChannel[] = [];
  const common = { enabled: true, source: "environment" as const };
  if (env.ALERT_SLACK_WEBHOOK_URL)
    channels.push({
      ...common,
      id: "env-slack",
      kind: "slack",
      name: "Slack webhook (environment)",
      minSeverity: env.ALERT_SLACK_MIN_SEVERITY,
      target: { kind: "slack", webhookUrl: env.ALERT_SLACK_WEBHOOK_URL },
    });
  if (env.ALERT_WEBHOOK_URL && env.ALERT_WEBHOOK_SECRET)
    channels.push({
      ...common,
      id: "env-webhook",
      kind: "webhook",
      name: "Signed webhook (environment)",
      minSeverity: env.ALERT_WEBHOOK_MIN_SEVERITY,
      target: { kind: "webhook", url: env.ALERT_WEBHOOK_URL, signingSecret: env.ALERT_WEBHOOK_SECRET },
    });
  if (env.ALERT_SMTP_URL && env.ALERT_EMAIL_TO)
    channels.push({
      ...common,
      id: "env-email",
      kind: "email",
      name: "E-mail (environment)",
      minSeverity: env.ALERT_EMAIL_MIN_SEVERITY,
      target: { kind: "email", smtp: smtpOf(env.ALERT_SMTP_URL), from: env.ALERT_EMAIL_FROM, to: env.ALERT_EMAIL_TO },
    });
  return channels;
}

export function storedChannelInfo(channel: StoredChannel): ChannelInfo {
  const { id, kind, name, minSeverity, enabled } = channel;
  return { id, kind, name, minSeverity, enabled, source: "settings" };
}

/** A saved channel's secrets are bound to its id: copied onto another row, they no longer open. */
export const channelSecretContext = (channelId: string) => `alert-channel:${channelId}`;

/** A saved channel's secrets (webhook URL, signing secret, SMTP password); throws when this KEY_ENCRYPTION_KEY cannot open them. */
export function openChannelSecret(channel: StoredChannel, vault: KeyVault): Record<string, string | null> {
  return JSON.parse(
    vault.open(Buffer.from(channel.sealedSecret, "base64"), channelSecretContext(channel.id)).toString("utf8"),
  ) as Record<string, string | null>;
}

/** The saved channel's target with its secrets opened; throws when this KEY_ENCRYPTION_KEY cannot open them. */
export function storedTarget(channel: StoredChannel, vault: KeyVault): ChannelTarget {
  const secret = openChannelSecret(channel, vault);
  const settings = JSON.parse(channel.settings) as Record<string, unknown>;
  switch (channel.kind) {
    case "slack":
      return { kind: "slack", webhookUrl: String(secret.webhookUrl) };
    case "webhook":
      return { kind: "webhook", url: String(secret.url), signingSecret: String(secret.signingSecret) };
    case "email":
      return {
        kind: "email",
        smtp: {
          host: String(settings.host),
          port: Number(settings.port),
          security: settings.security as "tls" | "starttls" | "none",
          user: (settings.user as string | null) ?? null,
          password: secret.password ?? null,
        },
        from: String(settings.from),
        to: settings.to as string[],
      };
  }
}

/**
 * The enabled channels that take an alert of this severity. An alert about a failing channel is not
 * sent to that channel: it would only fail again.
 */
export function channelsFor(
  alert: Pick<AlertRecord, "type" | "subjectId" | "severity">,
  environment: readonly ChannelInfo[],
  stored: readonly StoredChannel[],
): ChannelInfo[] {
  return [...environment, ...stored.map(storedChannelInfo)].filter(
    (channel) =>
      channel.enabled &&
      atLeast(alert.severity, channel.minSeverity) &&
      !(alert.type === "alert-channel-failing" && alert.subjectId === channel.id),
  );
}
