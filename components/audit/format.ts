// Short forms of the audit log's raw values; the table keeps the full value in a title.

const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/Edg\/(\d+)/, "Edge"],
  [/OPR\/(\d+)/, "Opera"],
  [/Firefox\/(\d+)/, "Firefox"],
  [/Chrome\/(\d+)/, "Chrome"],
  [/Version\/(\d+)[^ ]* .*Safari\//, "Safari"],
  [/curl\/([\d.]+)/, "curl"],
];

const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/Windows/, "Windows"],
  [/iPhone|iPad/, "iOS"],
  [/Android/, "Android"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

const MAX_UNKNOWN = 32;

/** "Mozilla/5.0 (X11; Linux x86_64) … Chrome/131.0 …" -> "Chrome 131 on Linux"; anything else cut short. */
export function shortUserAgent(userAgent: string): string {
  const browser = BROWSERS.map(([pattern, name]) => {
    const match = pattern.exec(userAgent);
    return match ? `${name} ${match[1]}` : null;
  }).find(Boolean);
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser) return system ? `${browser} on ${system}` : browser;
  return userAgent.length > MAX_UNKNOWN ? `${userAgent.slice(0, MAX_UNKNOWN - 1)}…` : userAgent;
}

/** A string field of an entry's details, when there is one. */
export function detail(details: unknown, name: string): string | null {
  if (typeof details !== "object" || details === null) return null;
  const value = (details as Record<string, unknown>)[name];
  return typeof value === "string" ? value : null;
}
