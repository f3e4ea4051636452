import { constants } from "node:os";

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ECONNRESET: "the connection was reset",
  EPIPE: "the connection was closed while sending",
  ETIMEDOUT: "the connection timed out",
  ENOTFOUND: "the host name is unknown",
  EAI_AGAIN: "the host name could not be looked up",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate chain is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate cannot be verified",
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is for another host name",
};

/** Why a connection failed, in words; `tls` when the TLS handshake did (a setting to fix, not a passing fault). */
export type NetworkReason = { words: string; tls: boolean };

/** The libuv name of a system error number (nodemailer replaces `code` with its own but keeps `errno`). */
function errnoName(errno: unknown): string | null {
  if (typeof errno !== "number") return null;
  const found = Object.entries(constants.errno).find(([, value]) => value === -errno);
  return found ? found[0] : null;
}

function reasonOf(error: Error): NetworkReason | null {
  const { code, errno, library } = error as { code?: unknown; errno?: unknown; library?: unknown };
  for (const name of [code, errnoName(errno)]) {
    if (typeof name === "string" && NETWORK_CAUSES[name]) {
      return { words: NETWORK_CAUSES[name], tls: /CERT|TLS/.test(name) };
    }
  }
  // OpenSSL's errors carry `library`; their message is the raw OpenSSL line, so it is not quoted.
  if (typeof library === "string" || (typeof code === "string" && /^ERR_(SSL|TLS)_/.test(code))) {
    return { words: "the TLS handshake failed", tls: true };
  }
  return null;
}

/**
 * The network reason under an error, found by its codes only (never its message, which may hold
 * the URL): fetch nests it as error → cause, several addresses tried give an AggregateError.
 */
export function networkReason(error: unknown): NetworkReason | null {
  const pending: unknown[] = [error];
  for (let seen = 0; pending.length > 0 && seen < 8; seen++) {
    const next = pending.shift();
    if (!(next instanceof Error)) continue;
    const reason = reasonOf(next);
    if (reason) return reason;
    if (next instanceof AggregateError) pending.push(...next.errors);
    pending.push(next.cause);
  }
  return null;
}
