import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The header a signed webhook delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256>`, as Stripe-Signature. */
export const SIGNATURE_HEADER = "X-Signature";

/** How far a signature's timestamp may be from the receiver's clock before it counts as a replay. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** A new signing secret: "whsec_" and 32 random bytes, base64url. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** HMAC-SHA256 of "<t>.<raw body>", keyed by the whole secret (prefix included). */
function digest(secret: string, body: string | Uint8Array, timestamp: number): Buffer {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest();
}

/**
 * The X-Signature value for `body` sent at `nowSeconds`. Several secrets give one `v1=` each, so
 * that a receiver still holding the old secret keeps verifying while it is being rotated.
 */
export function signPayload(secret: string | readonly string[], body: string | Uint8Array, nowSeconds: number): string {
  const timestamp = Math.floor(nowSeconds);
  const secrets = typeof secret === "string" ? [secret] : secret;
  const signatures = secrets.map((key) => `v1=${digest(key, body, timestamp).toString("hex")}`);
  return [`t=${timestamp}`, ...signatures].join(",");
}

/** The header's timestamp and v1 signatures; other schemes (a future v2) are skipped. */
function parseHeader(header: string): { timestamp: number | null; signatures: string[] } {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === "v1") signatures.push(value);
  }
  return { timestamp, signatures };
}

/**
 * Whether `header` signs `body` (the raw bytes as received, before any JSON parsing) with
 * `secret`, at a time within `toleranceSeconds` of `nowSeconds`: an old capture re-sent fails.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string | Uint8Array,
  options: { nowSeconds: number; toleranceSeconds?: number },
): SignatureCheck {
  if (!header) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  const { timestamp, signatures } = parseHeader(header);
  if (timestamp === null) return { ok: false, reason: "the signature has no t= timestamp" };
  if (signatures.length === 0) return { ok: false, reason: "the signature has no v1= entry" };
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const age = Math.floor(options.nowSeconds) - timestamp;
  if (age > tolerance)
    return { ok: false, reason: `the timestamp is ${age} s old, more than ${tolerance} s: a replay?` };
  if (age < -tolerance)
    return { ok: false, reason: `the timestamp is ${-age} s in the future, more than ${tolerance} s` };
  const expected = digest(secret, body, timestamp);
  const matches = signatures.some((signature) => {
    if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
    return timingSafeEqual(Buffer.from(signature, "hex"), expected);
  });
  return matches ? { ok: true } : { ok: false, reason: "no v1 signature matches the body and the secret" };
}
