import STATIC_HEADERS from "./security-headers.json";

// Browser security headers: every page and API answer carries them (pages from proxy.ts, API
// answers from their route wrappers, static files from next.config.mjs). Kept apart from the
// database and env modules so that the proxy can load it; the headers that do not change live in
// security-headers.json, which next.config.mjs reads as plain JSON.

/** An answer that is not a page runs nothing: no scripts, no styles, no frames. */
export const API_CONTENT_SECURITY_POLICY = STATIC_HEADERS.apiContentSecurityPolicy;

/**
 * The dashboard's policy: scripts only from this site and with the page's nonce (Next gives it to
 * its own inline scripts), no plugins, no framing by any site. Inline style attributes stay allowed:
 * React and the charts set them, and a style cannot run code.
 */
export function pageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every answer carries, whatever its kind. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = STATIC_HEADERS.common;

/** Browsers remember for a year to reach the dashboard over https only; sent only when it is served so. */
const HSTS = "max-age=31536000";

/** Sets the security headers on an answer: `csp` is the page policy, or the API one by default. */
export function applySecurityHeaders(headers: Headers, options: { nextAuthUrl: string; csp?: string }): void {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) headers.set(name, value);
  headers.set("Content-Security-Policy", options.csp ?? API_CONTENT_SECURITY_POLICY);
  if (options.nextAuthUrl.startsWith("https://")) headers.set("Strict-Transport-Security", HSTS);
}
