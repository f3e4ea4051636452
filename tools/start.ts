import { spawn } from "node:child_process";
import path from "node:path";
import { ensureFirstAdmin } from "@/lib/auth/users";
import { createDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { ConfigError, loadEnv, type Env } from "@/lib/env";
import { protectDataDir } from "@/lib/env/data-dir";
import { GENERATED_SECRETS } from "@/lib/env/secrets";
import { seedDemoMappings } from "@/lib/demo/seed";
import { ensureG2aCredentials } from "@/lib/g2a/credentials";
import { startSimulator, type RunningSimulator } from "@/tools/cws-sandbox/server";
import { ensureBuild } from "./build/ensure-build";
import { nextServerArgs } from "./server/next-command";
import { ServerSupervisor } from "./server/supervisor";

// `npm start`: configuration, migrations, the local CWS sandbox unless CWS_BASE_URL names a CWS,
// a current production build, then the server, restarted if it dies. Ctrl-C stops all of it.

const root = process.cwd();
let server: ServerSupervisor | null = null;
let sandbox: RunningSimulator | null = null;
let stopping = false;

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code), 15_000).unref();
  // The server goes first: the sandbox answers it until it has stopped, then writes its state.
  void (async () => {
    await server?.stop();
    await sandbox?.close();
    process.exit(code);
  })();
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

/** The local CWS sandbox, its state kept in the data folder so balances and orders survive a restart. */
async function startLocalCws(env: Env): Promise<string> {
  const stateFile = path.join(env.dataDir, "cws-sandbox.json");
  try {
    sandbox = await startSimulator({ port: env.CWS_SANDBOX_PORT, stateFile });
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
    throw new Error(
      inUse
        ? `Port ${env.CWS_SANDBOX_PORT} is taken, so the local CWS sandbox cannot start: set CWS_SANDBOX_PORT to a free port, or CWS_BASE_URL to a CWS to use instead.`
        : `The local CWS sandbox could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  console.log(`Local CWS sandbox: ${sandbox.url} (state in ${path.relative(root, stateFile) || stateFile})`);
  return sandbox.url;
}

/** The server, restarted whenever it dies (see ServerSupervisor); its process id is in DATA_DIR/server.pid. */
function startServer(env: Env, cwsBaseUrl: string): void {
  server = new ServerSupervisor({
    pidFile: path.join(env.dataDir, "server.pid"),
    spawn: () =>
      spawn(process.execPath, nextServerArgs(root, { port: env.PORT, maxHeapMb: env.SERVER_MAX_HEAP_MB }), {
        cwd: root,
        env: { ...process.env, CWS_BASE_URL: cwsBaseUrl, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "inherit", "pipe"],
      }),
  });
  server.start();
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

async function main(): Promise<void> {
  const env = loadEnv();
  protectDataDir(env.dataDir, env.databaseFile);
  for (const name of env.generatedSecrets) {
    console.log(`Generated ${name} into ${path.join(env.dataDir, "secrets")}: it ${GENERATED_SECRETS[name].purpose}.`);
  }
  await applyMigrations();
  console.log(`Database ready: ${path.relative(root, env.databaseFile) || env.databaseFile}`);
  const db = createDb(env.databaseFile);
  const g2a = await ensureG2aCredentials(db, env);
  const admin = await ensureFirstAdmin(db, env);
  const cwsBaseUrl = env.CWS_BASE_URL ?? (await startLocalCws(env));
  // The demo catalogue only exists in the local sandbox; a real CWS gets the mappings staff make.
  const seeded = env.CWS_BASE_URL ? 0 : await seedDemoMappings(db);
  if (seeded > 0) console.log(`Seeded ${seeded} demo product mappings (see the README's demo catalogue).`);
  await db.$disconnect();
  await ensureBuild(root);
  startServer(env, cwsBaseUrl);
  const base = `http://localhost:${env.PORT}`;
  if (await waitForHealth(`${base}/api/health`, 60_000)) {
    console.log(
      `\nG2A Dropship is running.\n  Dashboard:     ${base}/\n  Health:        ${base}/api/health\n  G2A base URL:  ${base}/api/g2a\n  CWS:           ${cwsBaseUrl}${sandbox ? " (local sandbox)" : ""}`,
    );
    if (g2a.generated) {
      console.log(
        `  G2A client id:      ${g2a.generated.clientId}\n  G2A client secret:  ${g2a.generated.clientSecret}\n  (shown this once: store it now; rotate it in Settings if it is lost)`,
      );
    } else if (g2a.configuredClientId) {
      console.log(`  G2A client id:  ${g2a.configuredClientId} (from G2A_CLIENT_ID)`);
    }
    if (admin.created) {
      console.log(
        `  Admin e-mail:        ${admin.created.email}\n  Admin password:      ${admin.created.password}\n  (shown this once: store it now; change it in Settings > Users)`,
      );
    } else if (admin.configuredEmail) {
      console.log(`  Admin e-mail:  ${admin.configuredEmail} (from ADMIN_EMAIL)`);
    }
    console.log("\nPress Ctrl-C to stop.");
  } else if (!stopping) {
    console.error("The server did not become healthy within 60 s; see the log above.");
    stop(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  stop(1);
});
