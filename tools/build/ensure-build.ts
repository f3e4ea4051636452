import { spawn } from "node:child_process";
import path from "node:path";
import { buildIsCurrent, recordBuild, sourceFingerprint } from "./fingerprint";

/** Builds the production bundle when it is missing or older than its sources. Returns whether it built. */
export async function ensureBuild(
  root: string,
  options: { force?: boolean; log?: (line: string) => void } = {},
): Promise<boolean> {
  const log = options.log ?? ((line: string) => console.log(line));
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
}
