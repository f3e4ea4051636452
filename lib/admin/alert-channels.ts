import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/audit";
import {
  channelSecretContext,
  openChannelSecret,
  storedChannelInfo,
  type ChannelInfo,
} from "@/lib/alerts/channel-list";
import { findChannel } from "@/lib/alerts/deliver";
import { newSigningSecret, sendToChannel, type ChannelTarget } from "@/lib/alerts/channels";
import type { AlertDeps } from "@/lib/alerts/config";
import type { AlertMessage } from "@/lib/alerts/message";
import { resolveCleared } from "@/lib/alerts/raise";
import type { ChannelStatus, StoredChannel } from "@/lib/alerts/store";
import { AppError } from "@/lib/errors";
import { inTransaction, reading } from "@/lib/stores";
import type {
  AlertChannelFields,
  AlertChannelTestResult,
  AlertChannelView,
  CreatedAlertChannel,
} from "./alert-channel-schema";

// Settings → "Alert channels": the channels the environment configures (read-only here) and those an
// admin saves, their secrets sealed with the key vault and never answered again.

const hostOf = (url: string) => new URL(url).host;
const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;

type EmailSettings = {
  host: string;
  port: number;
  security: "tls" | "starttls" | "none";
  user: string | null;
  from: string;
  to: string[];
};

function describeTarget(kind: ChannelInfo["kind"], settings: Record<string, unknown>): string {
  if (kind !== "email")
    return `${kind === "slack" ? "Slack-compatible webhook" : "Signed webhook"} at ${String(settings.host)}`;
  const email = settings as EmailSettings;
  return `${email.to.join(", ")} via ${email.user ? `${email.user}@` : ""}${email.host}:${email.port} (${email.security === "none" ? "no TLS" : email.security.toUpperCase()})`;
}

function health(status: ChannelStatus | undefined): AlertChannelView["health"] {
  const state = !status
    ? "unused"
    : status.failingSince
      ? "failing"
      : status.consecutiveFailures > 0
        ? "last-attempt-failed"
        : "ok";
  return {
    state,
    consecutiveFailures: status?.consecutiveFailures ?? 0,
    failingSince: iso(status?.failingSince),
    lastError: status?.lastError ?? null,
    lastFailureAt: iso(status?.lastFailureAt),
    lastSuccessAt: iso(status?.lastSuccessAt),
  };
}

function environmentSettings(target: ChannelTarget): Record<string, unknown> {
  if (target.kind === "slack") return { host: hostOf(target.webhookUrl) };
  if (target.kind === "webhook") return { host: hostOf(target.url) };
  const { host, port, security, user } = target.smtp;
  return { host, port, security, user, from: target.from, to: target.to };
}

function viewOf(
  channel: ChannelInfo,
  settings: Record<string, unknown>,
  status: ChannelStatus | undefined,
  updated: { by: string | null; at: Date | null },
): AlertChannelView {
  return {
    ...channel,
    target: describeTarget(channel.kind, settings),
    editable: channel.kind === "email" ? (settings as EmailSettings) : {},
    health: health(status),
    updatedBy: updated.by,
    updatedAt: iso(updated.at),
  };
}

export async function listAlertChannels(deps: AlertDeps): Promise<AlertChannelView[]> {
  const [stored, statuses, rows] = await Promise.all([
    reading(deps.db, (stores) => stores.alerts.storedChannels()),
    reading(deps.db, (stores) => stores.alerts.channelStatuses()),
    deps.db.alertChannel.findMany({ select: { id: true, updatedBy: true, updatedAt: true } }),
  ]);
  const fromEnvironment = deps.config.environmentChannels.map((channel) =>
    viewOf(channel, environmentSettings(channel.target), statuses.get(channel.id), { by: null, at: null }),
  );
  const saved = stored.map((channel) => {
    const row = rows.find((candidate) => candidate.id === channel.id);
    return viewOf(storedChannelInfo(channel), JSON.parse(channel.settings), statuses.get(channel.id), {
      by: row?.updatedBy ?? null,
      at: row?.updatedAt ?? null,
    });
  });
  return [...fromEnvironment, ...saved];
}

async function savedChannel(deps: AlertDeps, id: string): Promise<StoredChannel> {
  if (deps.config.environmentChannels.some((channel) => channel.id === id))
    throw new AppError("CONFLICT", "This channel is configured by environment variables; change it there");
  const channel = (await reading(deps.db, (stores) => stores.alerts.storedChannels())).find((row) => row.id === id);
  if (!channel) throw new AppError("NOT_FOUND", "No such alert channel");
  return channel;
}

const missing = (field: string, message: string) =>
  new AppError("VALIDATION_FAILED", "Some fields are not valid", { fieldErrors: { [field]: [message] } });

/** The settings and secrets to store, from the input and (on an edit) the secrets already saved. */
function settingsAndSecret(
  input: AlertChannelFields,
  previous: Record<string, string | null> | null,
): { settings: Record<string, unknown>; secret: Record<string, string | null>; generated: string | null } {
  switch (input.kind) {
    case "slack": {
      const webhookUrl = input.webhookUrl ?? previous?.webhookUrl;
      if (!webhookUrl) throw missing("webhookUrl", "paste the incoming webhook's URL");
      return { settings: { host: hostOf(webhookUrl) }, secret: { webhookUrl }, generated: null };
    }
    case "webhook": {
      const url = input.url ?? previous?.url;
      if (!url) throw missing("url", "give the URL alerts are posted to");
      const generated = !input.signingSecret && !previous?.signingSecret ? newSigningSecret() : null;
      const signingSecret = input.signingSecret ?? previous?.signingSecret ?? generated!;
      return { settings: { host: hostOf(url) }, secret: { url, signingSecret }, generated };
    }
    case "email": {
      const { host, port, security, user, from, to } = input;
      // A changed server or user does not keep the old password: it belonged to the old account.
      const samePlace = previous && previous.host === host && previous.user === (user ?? null);
      const password = input.password ?? (samePlace ? previous.password : null) ?? null;
      return {
        settings: { host, port, security, user: user ?? null, from, to },
        secret: { password, host, user: user ?? null },
        generated: null,
      };
    }
  }
}

function openSecret(deps: AlertDeps, channel: StoredChannel): Record<string, string | null> | null {
  try {
    return openChannelSecret(channel, deps.vault());
  } catch {
    return null;
  }
}

async function save(
  deps: AlertDeps,
  actor: Actor,
  id: string,
  input: AlertChannelFields,
  previous: Record<string, string | null> | null,
  action: "alert_channel.create" | "alert_channel.update",
): Promise<{ view: AlertChannelView; generated: string | null }> {
  const { settings, secret, generated } = settingsAndSecret(input, previous);
  const sealed = deps.vault().seal(JSON.stringify(secret), channelSecretContext(id));
  const channel: StoredChannel = {
    id,
    kind: input.kind,
    name: input.name,
    minSeverity: input.minSeverity,
    enabled: input.enabled,
    settings: JSON.stringify(settings),
    sealedSecret: Buffer.from(sealed).toString("base64"),
  };
  const now = deps.now();
  await inTransaction(deps.db, (tx) => {
    tx.alerts.saveChannel(channel, actor.email, now);
    tx.audit.record(
      actor,
      {
        action,
        targetType: "alertChannel",
        targetId: id,
        // What changed, never a secret: which secrets were replaced is enough.
        details: {
          kind: input.kind,
          name: input.name,
          minSeverity: input.minSeverity,
          enabled: input.enabled,
          target: describeTarget(input.kind, settings),
          secretsReplaced: Object.keys(secret).filter((key) => secret[key] !== (previous?.[key] ?? null)),
        },
      },
      now,
    );
  });
  const view = (await listAlertChannels(deps)).find((candidate) => candidate.id === id)!;
  return { view, generated };
}

export async function createAlertChannel(
  deps: AlertDeps,
  actor: Actor,
  input: AlertChannelFields,
): Promise<CreatedAlertChannel> {
  const { view, generated } = await save(deps, actor, randomUUID(), input, null, "alert_channel.create");
  return { channel: view, signingSecret: generated };
}

export async function updateAlertChannel(
  deps: AlertDeps,
  actor: Actor,
  id: string,
  input: AlertChannelFields,
): Promise<AlertChannelView> {
  const channel = await savedChannel(deps, id);
  if (channel.kind !== input.kind)
    throw new AppError(
      "CONFLICT",
      `This channel is a ${channel.kind} channel; remove it and add a new one to change its kind`,
    );
  const previous = openSecret(deps, channel);
  return (await save(deps, actor, id, input, previous, "alert_channel.update")).view;
}

export async function deleteAlertChannel(deps: AlertDeps, actor: Actor, id: string): Promise<void> {
  const channel = await savedChannel(deps, id);
  const now = deps.now();
  await inTransaction(deps.db, (tx) => {
    tx.alerts.deleteChannel(id);
    tx.audit.record(
      actor,
      {
        action: "alert_channel.delete",
        targetType: "alertChannel",
        targetId: id,
        details: { name: channel.name, kind: channel.kind },
      },
      now,
    );
  });
}

function testMessage(deps: AlertDeps, channel: ChannelInfo, actor: Actor): AlertMessage {
  const now = deps.now();
  return {
    event: "test",
    deliveryId: randomUUID(),
    alert: {
      id: randomUUID(),
      type: "test",
      severity: channel.minSeverity,
      title: "Test alert",
      message: `A test alert sent by ${actor.email} from Settings to "${channel.name}". Alerts of severity ${channel.minSeverity} and above reach this channel.`,
      subject: { kind: "system", id: null, label: "Alert channels" },
      link: `${deps.config.dashboardUrl}/alerts`,
      state: "open",
      count: 1,
      firstSeenAt: now,
      lastSeenAt: now,
      resolution: null,
    },
  };
}

/** Sends a test alert to the channel now (one attempt) and says what happened, in words. */
export async function testAlertChannel(deps: AlertDeps, actor: Actor, id: string): Promise<AlertChannelTestResult> {
  const channel = await findChannel(deps, id);
  if (!channel) throw new AppError("NOT_FOUND", "No such alert channel");
  let target: ChannelTarget;
  try {
    target = channel.target();
  } catch {
    return {
      ok: false,
      message: "The channel's secrets cannot be opened with this KEY_ENCRYPTION_KEY: save the channel again.",
    };
  }
  const result = await sendToChannel(target, testMessage(deps, channel, actor), {
    timeoutMs: deps.config.sendTimeoutMs,
    now: deps.now,
  });
  const message = result.ok
    ? `Delivered to "${channel.name}": ${result.detail}.`
    : `Not delivered to "${channel.name}": ${result.error}.`;
  const now = deps.now();
  const wasFailing = await inTransaction(deps.db, (tx) => {
    tx.audit.record(
      actor,
      { action: "alert_channel.test", targetType: "alertChannel", targetId: id, details: { ok: result.ok, message } },
      now,
    );
    if (result.ok) return tx.alerts.channelSucceeded(channel.id, now).wasFailing;
    tx.alerts.channelFailed(channel.id, result.error, false, now);
    return false;
  });
  if (wasFailing)
    await resolveCleared(
      deps,
      { kind: "system", id: channel.id, label: channel.name },
      `"${channel.name}" delivered a test alert sent by ${actor.email}`,
      ["alert-channel-failing"],
    );
  return { ok: result.ok, message };
}
