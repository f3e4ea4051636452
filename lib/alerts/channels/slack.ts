import type { AlertMessage, AlertSeverity } from "@/lib/alerts/message";
import { postJson } from "./post-json";
import { DEFAULT_TIMEOUT_MS, type ChannelResult, type SendOptions, type SlackTarget } from "./types";
import { alertFacts, alertHeading, leadLines, summaryLine } from "./wording";

export const SEVERITY_COLORS: Record<AlertSeverity, string> = {
  critical: "#d92d20",
  warning: "#f79009",
  info: "#2e90fa",
};
export const RESOLVED_COLOR = "#12b76a";

const SEVERITY_EMOJI: Record<AlertSeverity, string> = {
  critical: ":rotating_light:",
  warning: ":warning:",
  info: ":information_source:",
};

export type SlackField = { title: string; value: string; short: boolean };

/** Legacy attachments, not Block Kit: Mattermost and Discord's Slack endpoint render them too. */
export type SlackPayload = {
  text: string;
  attachments: [
    {
      fallback: string;
      color: string;
      title: string;
      title_link: string;
      text: string;
      fields: SlackField[];
      footer: string;
      ts: number;
    },
  ];
};

/** Slack reads `&`, `<` and `>` as markup: a title like "Keys <EU>" must not become a broken link. */
function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A URL inside `<url|label>`, where a raw `|` or `>` would end it early. */
function escapeLinkUrl(url: string): string {
  return escapeText(url).replace(/\|/g, "%7C");
}

function emoji(message: AlertMessage): string {
  if (message.event === "resolved") return ":white_check_mark:";
  if (message.event === "test") return ":test_tube:";
  return SEVERITY_EMOJI[message.alert.severity];
}

/** The JSON a Slack-compatible incoming webhook gets for one alert message. */
export function slackPayload(message: AlertMessage): SlackPayload {
  const { alert } = message;
  const summary = escapeText(summaryLine(message));
  return {
    text: `${emoji(message)} ${summary} — <${escapeLinkUrl(alert.link)}|Open in dashboard>`,
    attachments: [
      {
        fallback: summary,
        color: message.event === "resolved" ? RESOLVED_COLOR : SEVERITY_COLORS[alert.severity],
        title: escapeText(alertHeading(message)),
        title_link: alert.link,
        text: escapeText(leadLines(message).join("\n")),
        fields: alertFacts(message).map(({ label, value }) => ({
          title: label,
          value: escapeText(value),
          short: label !== "Subject",
        })),
        footer: `G2A Dropship alerts · ${escapeText(alert.type)}`,
        ts: Math.floor(alert.lastSeenAt.getTime() / 1000),
      },
    ],
  };
}

/** Posts one alert message to a Slack-compatible incoming webhook: one attempt. */
export function sendSlack(
  target: SlackTarget,
  message: AlertMessage,
  options: SendOptions = {},
): Promise<ChannelResult> {
  return postJson({
    url: target.webhookUrl,
    body: JSON.stringify(slackPayload(message)),
    headers: { "Content-Type": "application/json" },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
}
