import fs from "node:fs";

// Plain JavaScript, not next.config.ts: a TypeScript config makes `next start` load the SWC compiler
// to read it, 25 MB of resident memory for the server's whole life.

/** The security headers that never change (lib/http/security-headers.ts reads the same file). */
const STATIC_HEADERS = JSON.parse(
  fs.readFileSync(new URL("./lib/http/security-headers.json", import.meta.url), "utf8"),
);

/** @type {import("next").NextConfig} */
const nextConfig = {
  // G2A may not follow redirects, and a redirected POST can lose its body.
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pino"],
  poweredByHeader: false,
  // Next reads the body of every request the proxy sees (pages, and G2A paths with "%") until it
  // ends, keeping a copy of up to this much for the proxy and the route: never more than the G2A
  // contract's 64 KiB (the proxy itself reads no body).
  experimental: { proxyClientMaxBodySize: 64 * 1024 },
  typescript: { ignoreBuildErrors: true }, // npm test runs tsc itself, once
  // Scripts, styles and images of the build: pages and API answers get theirs at run time (proxy.ts,
  // the route wrappers), as HSTS depends on NEXTAUTH_URL and each page has its own script nonce.
  async headers() {
    const headers = Object.entries({
      ...STATIC_HEADERS.common,
      "Content-Security-Policy": STATIC_HEADERS.apiContentSecurityPolicy,
    }).map(([key, value]) => ({ key, value }));
    return [{ source: "/_next/:path*", headers }];
  },
};

export default nextConfig;
