import { spawn } from "node:child_process";
import path from "node:path";

/**
 * Applies pending migrations from prisma/migrations with the Prisma CLI's JavaScript schema engine
 * (engine "js" in prisma.config.ts): nothing is downloaded, nothing is reset.
 */
export function applyMigrations(options: { env?: Record<string, string>; cwd?: string } = {}): Promise<string> {
  const cwd = options.cwd ?? process.cwd();
  const cli = path.join(cwd, "node_modules", "prisma", "build", "index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      cwd,
      env: { ...process.env, ...options.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output.trim()}`));
    });
  });
}
