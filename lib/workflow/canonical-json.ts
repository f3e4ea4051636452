/**
 * JSON in the canonical form (RFC 8785 / JCS as the `canonicalize` package writes it) that the
 * Inngest SDK computes from a parsed request body to verify X-Inngest-Signature: object keys
 * sorted by UTF-16 code units, no whitespace, undefined members left out. The engine sends exactly
 * this text, so the bytes it signs are the bytes the SDK re-derives.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object" || "toJSON" in value) {
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    return `[${items.map((item) => canonicalJson(item === undefined || typeof item === "symbol" ? null : item)).join(",")}]`;
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined && typeof record[key] !== "symbol")
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(",")}}`;
}
