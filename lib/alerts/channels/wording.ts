import type { AlertMessage } from "@/lib/alerts/message";

/** The tag that leads a subject line or a chat message: the severity, or what kind of notice it is. */
export function alertTag(message: AlertMessage): string {
  if (message.event === "resolved") return "[RESOLVED]";
  if (message.event === "test") return "[TEST]";
  return `[${message.alert.severity.toUpperCase()}]`;
}

/** One line naming the alert, e.g. "[CRITICAL] Order needs a person: Order 1042"; e-mail subjects and chat fallbacks use it. */
export function summaryLine(message: AlertMessage): string {
  return oneLine(`${alertTag(message)} ${message.alert.title}: ${message.alert.subject.label}`);
}

/** The title a channel shows above the message. */
export function alertHeading(message: AlertMessage): string {
  if (message.event === "resolved") return `Resolved: ${message.alert.title}`;
  if (message.event === "test") return `Test: ${message.alert.title}`;
  return message.alert.title;
}

export const TEST_NOTICE = "This is a test sent from the dashboard: the channel works, nothing needs doing.";

/** What the person reading should know first: the test notice or the resolution, then the alert's own words. */
export function leadLines(message: AlertMessage): string[] {
  const { alert } = message;
  if (message.event === "test") return [TEST_NOTICE, alert.message];
  if (message.event === "resolved") return [`Resolved: ${alert.resolution ?? "no longer happening"}.`, alert.message];
  return [alert.message];
}

/** A time as every channel shows it: UTC to the second, the same for every reader. */
export function formatAlertTime(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** The alert's facts as label/value pairs, in the order channels list them. */
export function alertFacts(message: AlertMessage): { label: string; value: string }[] {
  const { alert } = message;
  return [
    { label: "Subject", value: alert.subject.label },
    { label: "Count", value: String(alert.count) },
    { label: "First seen", value: formatAlertTime(alert.firstSeenAt) },
    { label: "Last seen", value: formatAlertTime(alert.lastSeenAt) },
    { label: "State", value: alert.state },
  ];
}

/** A duration in words: "300 ms", "10 s", "1.5 s". */
export function durationWords(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** Text folded onto one line: no line breaks or control characters (a header, a subject). */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}
