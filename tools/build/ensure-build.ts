import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIsCurrent, recordBuild, sourceFingerprint } from "./fingerprint";

const LOCK_STALE_MS = 15 * 60_000;

/**
 * Holds `.next-build.lock` while `work` runs, so two test runs or starts on one tree never build
 * into `.next` at once; a lock older than 15 minutes is left by a dead process and taken over.
 */
async function withBuildLock<T>(root: string, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const lock = path.join(root, ".next-build.lock");
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!told) log("Another build of this tree is running; waiting for it…");
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the production bundle when it is missing or older than its sources. Returns whether it built. */
export async function ensureBuild(
  root: string,
  options: { force?: boolean; log?: (line: string) => void } = {},
): Promise<boolean> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (!options.force && buildIsCurrent(root)) return false;
  return withBuildLock(root, log, async () => {
    // Another process may have built it while this one waited.
    if (!options.force && buildIsCurrent(root)) return false;
    const fingerprint = sourceFingerprint(root);
    log("Building the production bundle (next build)…");
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
        cwd: root,
        env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
        stdio: "inherit",
      });
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`))));
    });
    recordBuild(root, fingerprint);
    log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return true;
  });
}
