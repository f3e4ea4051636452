import nodemailer from "nodemailer";
import type SMTPConnection from "nodemailer/lib/smtp-connection";
import type { AlertMessage } from "@/lib/alerts/message";
import { networkReason } from "./network-reason";
import { answerExcerpt } from "./safe-text";
import { DEFAULT_TIMEOUT_MS, type ChannelResult, type EmailTarget, type SendOptions } from "./types";
import { alertFacts, durationWords, leadLines, summaryLine } from "./wording";

/** The subject line and plain-text body of one alert e-mail (no HTML: it reads the same in every client and pager). */
export function emailContent(message: AlertMessage): { subject: string; text: string } {
  const facts = alertFacts(message);
  const width = Math.max(...facts.map(({ label }) => label.length)) + 2;
  return {
    subject: summaryLine(message),
    text: [
      ...leadLines(message),
      "",
      ...facts.map(({ label, value }) => `${`${label}:`.padEnd(width)}${value}`),
      "",
      "Open in the dashboard:",
      message.alert.link,
      "",
    ].join("\n"),
  };
}

type Failure = Extract<ChannelResult, { ok: false }>;

function failure(error: string, retryable: boolean): Failure {
  return { ok: false, error, retryable };
}

/** A server's SMTP answer: 4xx means "try later", 5xx "this will not work as it is". */
function byReplyCode(responseCode: number | undefined, fallback: boolean): boolean {
  if (responseCode === undefined) return fallback;
  return responseCode >= 400 && responseCode < 500;
}

/**
 * Nodemailer's error in words, built from its code, SMTP reply code and command only: its message
 * is not quoted, and the server's reply is cut short with the password hidden.
 */
function smtpFailure(error: unknown, server: string, timeoutMs: number, secrets: readonly string[]): Failure {
  if (!(error instanceof Error)) return failure(`sending through ${server} failed`, true);
  const { code, responseCode, command, response } = error as SMTPConnection.SMTPError;
  const reply = typeof response === "string" ? answerExcerpt(response, secrets) : "";
  const quoted = reply ? `: ${reply}` : "";
  switch (code) {
    case "ETIMEDOUT":
      return failure(`${server} timed out after ${durationWords(timeoutMs)}`, true);
    case "EAUTH": {
      // The reply to a login is not quoted: it answers a command that carried the password.
      const replyCode = responseCode ? ` (${responseCode})` : "";
      if (byReplyCode(responseCode, false)) return failure(`${server} could not check the login now${replyCode}`, true);
      return failure(`the SMTP server refused the login${replyCode}`, false);
    }
    case "NoAuth":
    case "ENOAUTH":
      return failure(`${server} offers no login: check the user name and the security setting`, false);
    case "ETLS":
      return failure(`TLS with ${server} failed${quoted}: check the security setting`, false);
    case "EENVELOPE":
      if (command === "API") return failure("the sender or recipient addresses are not valid", false);
      if (command === "MAIL FROM")
        return failure(`${server} refused the sender${quoted}`, byReplyCode(responseCode, false));
      return failure(`${server} refused the recipients${quoted}`, byReplyCode(responseCode, false));
    case "EMESSAGE":
      return failure(`${server} refused the message${quoted}`, byReplyCode(responseCode, false));
    case "EPROTOCOL":
      return failure(`${server} answered unexpectedly${quoted}`, true);
  }
  const reason = networkReason(error);
  if (reason) return failure(`could not reach ${server}: ${reason.words}`, !reason.tls);
  if (code === "ECONNECTION" || code === "ESOCKET" || code === "EDNS") {
    return failure(`could not reach ${server}${quoted}`, true);
  }
  const named = typeof code === "string" && /^[A-Za-z_]{1,20}$/.test(code) ? ` (${code})` : "";
  return failure(`sending through ${server} failed${named}${quoted}`, byReplyCode(responseCode, true));
}

function addressList(addresses: readonly (string | { address: string })[]): string {
  return addresses.map((address) => (typeof address === "string" ? address : address.address)).join(", ");
}

/**
 * Sends one alert message as a plain-text e-mail: one attempt, on a connection of its own that is
 * closed afterwards (alerts are rare; a pool would hold a login open for nothing).
 */
export async function sendEmail(
  target: EmailTarget,
  message: AlertMessage,
  options: SendOptions = {},
): Promise<ChannelResult> {
  const { smtp } = target;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const server = `${smtp.host}:${smtp.port}`;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    auth: smtp.user !== null ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    // Nodemailer's logger would print the SMTP conversation, login included.
    logger: false,
    debug: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const { subject, text } = emailContent(message);
    const info = await transport.sendMail({
      from: target.from,
      to: target.to,
      subject,
      text,
      date: (options.now ?? (() => new Date()))(),
      headers: { "X-Alert-Delivery": message.deliveryId },
    });
    const secrets = smtp.password ? [smtp.password] : [];
    const reply = info.response ? ` (${answerExcerpt(info.response, secrets)})` : "";
    const refused = info.rejected.length > 0 ? `; refused for ${addressList(info.rejected)}` : "";
    return { ok: true, detail: `${server} accepted the message${reply}${refused}` };
  } catch (error) {
    return smtpFailure(error, server, timeoutMs, smtp.password ? [smtp.password] : []);
  } finally {
    transport.close();
  }
}
