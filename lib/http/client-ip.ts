type HeaderSource = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers?.[name];
  return typeof value === "string" ? value : null;
}

const IP_LIKE = /^[0-9A-Fa-f:.]{2,45}$/;

/**
 * The caller's address: the first hop of X-Forwarded-For, else X-Real-IP; null when absent or not
 * address-shaped, so junk never becomes a throttle key. `next start` fills X-Forwarded-For with the
 * socket address only when the client sent none, so without a proxy in front that sets the header
 * a client can choose this value: it serves the per-address limits and the audit log, never a
 * decision that could lock an account or G2A out.
 */
export function clientIp(headers: HeaderSource): string | null {
  const candidate = header(headers, "x-forwarded-for")?.split(",")[0]?.trim() || header(headers, "x-real-ip")?.trim();
  return candidate && IP_LIKE.test(candidate) ? candidate : null;
}
