import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { canonicalJson } from "./canonical-json";

// The request signature of the Inngest SDK spec §4.1.3, as the v4 SDK verifies it
// (InngestCommHandler.validateSignature -> RequestSignature, helpers/net signDataWithKey):
// X-Inngest-Signature: t=<unix seconds>&s=<hex HMAC-SHA256 of (body + t)>, keyed with the UTF-8
// text of the signing key without its "signkey-<env>-" prefix. The SDK rejects a t more than five
// minutes away from its clock. It signs its answers the same way, with the key it verified.

export const SIGNATURE_HEADER = "x-inngest-signature";
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** A fresh signing key for the embedded engine (the prefix is stripped before use, as the SDK does). */
export function generateSigningKey(): string {
  return `signkey-embedded-${randomBytes(32).toString("hex")}`;
}

function hmac(payload: string, signingKey: string, timestamp: string): string {
  return createHmac("sha256", signingKey.replace(/^signkey-\w+-/, ""))
    .update(payload + timestamp)
    .digest("hex");
}

/** The X-Inngest-Signature value for a request or answer whose body is `payload`. */
export function signPayload(payload: string, signingKey: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000).toString();
  return `t=${timestamp}&s=${hmac(payload, signingKey, timestamp)}`;
}

/** A JSON body in canonical form with its signature, ready to send to the serve handler. */
export function signedJson(body: unknown, signingKey: string, at: Date): { payload: string; signature: string } {
  const payload = canonicalJson(body);
  return { payload, signature: signPayload(payload, signingKey, at) };
}

/** Whether `header` signs `payload` with `signingKey` at a time within five minutes of `at`. */
export function verifySignature(
  header: string | null | undefined,
  payload: string,
  signingKey: string,
  at: Date,
): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const timestamp = params.get("t") ?? "";
  const signature = params.get("s") ?? "";
  const seconds = Number.parseInt(timestamp, 10);
  if (!/^\d+$/.test(timestamp) || !/^[0-9a-f]+$/.test(signature)) return false;
  if (Math.abs(at.getTime() - seconds * 1000) > MAX_CLOCK_SKEW_MS) return false;
  const expected = Buffer.from(hmac(payload, signingKey, timestamp), "hex");
  const given = Buffer.from(signature, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
