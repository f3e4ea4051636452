import { z } from "zod";
import type { AlertMessage } from "@/lib/alerts/message";
import { postJson } from "./post-json";
import { SIGNATURE_HEADER, signPayload } from "./signature";
import { DEFAULT_TIMEOUT_MS, type ChannelResult, type SendOptions, type WebhookTarget } from "./types";

/** The JSON a webhook receiver gets: the contract receivers parse, so it is a schema. */
export const webhookBodySchema = z.object({
  /** The delivery's id, also in X-Alert-Delivery: a receiver drops one it has already seen. */
  id: z.string(),
  event: z.enum(["raised", "repeated", "resolved", "test"]),
  alert: z.object({
    id: z.string(),
    type: z.string(),
    severity: z.enum(["critical", "warning", "info"]),
    title: z.string(),
    message: z.string(),
    subject: z.object({
      kind: z.enum(["order", "mapping", "cws-account", "system"]),
      id: z.string().nullable(),
      label: z.string(),
    }),
    link: z.string(),
    state: z.enum(["open", "acknowledged", "resolved"]),
    count: z.number().int(),
    firstSeenAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    resolution: z.string().nullable(),
  }),
});

export type WebhookBody = z.infer<typeof webhookBodySchema>;

export const WEBHOOK_USER_AGENT = "g2a-dropship-alerts/1";

/** The body for one alert message, dates as ISO strings. */
export function webhookBody(message: AlertMessage): WebhookBody {
  const { alert } = message;
  return {
    id: message.deliveryId,
    event: message.event,
    alert: { ...alert, firstSeenAt: alert.firstSeenAt.toISOString(), lastSeenAt: alert.lastSeenAt.toISOString() },
  };
}

/** Posts one alert message to a generic webhook, signed with the target's secret: one attempt. */
export function sendWebhook(
  target: WebhookTarget,
  message: AlertMessage,
  options: SendOptions = {},
): Promise<ChannelResult> {
  const now = options.now ?? (() => new Date());
  const body = JSON.stringify(webhookBody(message));
  return postJson({
    url: target.url,
    body,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": WEBHOOK_USER_AGENT,
      "X-Alert-Delivery": message.deliveryId,
      [SIGNATURE_HEADER]: signPayload(target.signingSecret, body, now().getTime() / 1000),
    },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    secrets: [target.signingSecret],
  });
}
