import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** What the production bundle is built from; a change to any of these makes the build stale. */
const SOURCES = [
  "app",
  "components",
  "lib",
  "inngest",
  "public",
  "instrumentation.ts",
  "proxy.ts",
  // The server runs npm start's local sandboxes and its announcement (instrumentation.ts).
  "tools/server",
  "tools/cws-sandbox",
  "tools/g2a-sandbox",
  "tools/sandbox-kit",
  "prisma/schema.prisma",
  "next.config.mjs",
  "tailwind.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

const FINGERPRINT_FILE = path.join(".next", "source-fingerprint");

function listFiles(entry: string, out: string[]): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(entry).sort()) listFiles(path.join(entry, name), out);
  } else {
    out.push(entry);
  }
}

/** A hash of the content of every source file of the bundle. */
export function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  const files: string[] = [];
  for (const source of SOURCES) listFiles(path.join(root, source), files);
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update("\0");
    hash.update(fs.readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

export function buildIsCurrent(root: string): boolean {
  try {
    const stored = fs.readFileSync(path.join(root, FINGERPRINT_FILE), "utf8").trim();
    return fs.existsSync(path.join(root, ".next", "BUILD_ID")) && stored === sourceFingerprint(root);
  } catch {
    return false;
  }
}

export function recordBuild(root: string, fingerprint: string): void {
  fs.writeFileSync(path.join(root, FINGERPRINT_FILE), `${fingerprint}\n`);
}
