import type { AlertMessage } from "@/lib/alerts/message";
import { sendEmail } from "./email";
import { sendSlack } from "./slack";
import type { ChannelResult, ChannelTarget, SendOptions } from "./types";
import { sendWebhook } from "./webhook";

/**
 * Delivers one alert message to one channel: one attempt, never a throw. Retrying, recording and
 * scheduling belong to the caller; a fault inside a sender comes back as a retryable failure
 * naming only the error's class (its message could quote a setting).
 */
export async function sendToChannel(
  target: ChannelTarget,
  message: AlertMessage,
  options: SendOptions = {},
): Promise<ChannelResult> {
  try {
    switch (target.kind) {
      case "slack":
        return await sendSlack(target, message, options);
      case "webhook":
        return await sendWebhook(target, message, options);
      case "email":
        return await sendEmail(target, message, options);
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    return { ok: false, error: `the ${target.kind} sender failed unexpectedly (${name})`, retryable: true };
  }
}

export { emailContent, sendEmail } from "./email";
export {
  DEFAULT_TOLERANCE_SECONDS,
  SIGNATURE_HEADER,
  newSigningSecret,
  signPayload,
  verifySignature,
  type SignatureCheck,
} from "./signature";
export { RESOLVED_COLOR, SEVERITY_COLORS, sendSlack, slackPayload, type SlackPayload } from "./slack";
export {
  channelTargetSchema,
  emailTargetSchema,
  slackTargetSchema,
  webhookTargetSchema,
  DEFAULT_TIMEOUT_MS,
  type ChannelKind,
  type ChannelResult,
  type ChannelTarget,
  type EmailTarget,
  type SendOptions,
  type SlackTarget,
  type SmtpSecurity,
  type WebhookTarget,
} from "./types";
export { WEBHOOK_USER_AGENT, sendWebhook, webhookBody, webhookBodySchema, type WebhookBody } from "./webhook";
