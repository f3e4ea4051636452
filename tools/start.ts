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
import { DEFAULT_G2A_SANDBOX_CLIENT, startG2aSandbox, type RunningG2aSandbox } from "@/tools/g2a-sandbox/server";
import { ensureBuild } from "./build/ensure-build";
import { nextServerArgs } from "./server/next-command";
import { ServerSupervisor } from "./server/supervisor";

// `npm start`: configuration, migrations, the local CWS sandbox unless CWS_BASE_URL names a CWS, the
// local G2A sandbox unless G2A_API_BASE_URL names G2A's seller API, a current production build, then
// the server, restarted if it dies. Ctrl-C stops all of it.

const root = process.cwd();
let server: ServerSupervisor | null = null;
let sandbox: RunningSimulator | null = null;
let g2aSandbox: RunningG2aSandbox | null = null;
let stopping = false;

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code), 15_000).unref();
  // The server goes first: the sandbox answers it until it has stopped, then writes its state.
  void (async () => {
    await server?.stop();
    await sandbox?.close();
    await g2aSandbox?.close();
    process.exit(code);
  })();
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

/** Starts a local sandbox, or says in words why it could not (the usual reason: its port is taken). */
async function startLocal<T extends { url: string }>(
  what: { name: string; portVariable: string; urlVariable: string; port: number; stateFile: string },
  start: () => Promise<T>,
): Promise<T> {
  try {
    const running = await start();
    console.log(
      `Local ${what.name} sandbox: ${running.url} (state in ${path.relative(root, what.stateFile) || what.stateFile})`,
    );
    return running;
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
    throw new Error(
      inUse
        ? `Port ${what.port} is taken, so the local ${what.name} sandbox cannot start: set ${what.portVariable} to a free port, or ${what.urlVariable} to use a real one instead.`
        : `The local ${what.name} sandbox could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The local CWS sandbox, its state kept in the data folder so balances and orders survive a restart. */
async function startLocalCws(env: Env): Promise<string> {
  const stateFile = path.join(env.dataDir, "cws-sandbox.json");
  const what = {
    name: "CWS",
    portVariable: "CWS_SANDBOX_PORT",
    urlVariable: "CWS_BASE_URL",
    port: env.CWS_SANDBOX_PORT,
    stateFile,
  };
  sandbox = await startLocal(what, () => startSimulator({ port: env.CWS_SANDBOX_PORT, stateFile }));
  return sandbox.url;
}

/**
 * The local G2A sandbox (the seller API our offers are managed through), its offers kept in the data
 * folder; its catalogue has a G2A product for every demo mapping. Returns what the server is given.
 */
async function startLocalG2a(env: Env): Promise<Record<string, string>> {
  const stateFile = path.join(env.dataDir, "g2a-sandbox.json");
  const what = {
    name: "G2A",
    portVariable: "G2A_SANDBOX_PORT",
    urlVariable: "G2A_API_BASE_URL",
    port: env.G2A_SANDBOX_PORT,
    stateFile,
  };
  const clients =
    env.G2A_API_CLIENT_ID && env.G2A_API_CLIENT_SECRET
      ? [{ clientId: env.G2A_API_CLIENT_ID, clientSecret: env.G2A_API_CLIENT_SECRET }]
      : [DEFAULT_G2A_SANDBOX_CLIENT];
  g2aSandbox = await startLocal(what, () => startG2aSandbox({ port: env.G2A_SANDBOX_PORT, stateFile, clients }));
  return {
    G2A_API_BASE_URL: g2aSandbox.url,
    G2A_API_CLIENT_ID: clients[0]!.clientId,
    G2A_API_CLIENT_SECRET: clients[0]!.clientSecret,
  };
}

/** The server, restarted whenever it dies (see ServerSupervisor); its process id is in DATA_DIR/server.pid. */
function startServer(env: Env, cwsBaseUrl: string, g2aApi: Record<string, string>): void {
  server = new ServerSupervisor({
    pidFile: path.join(env.dataDir, "server.pid"),
    spawn: () =>
      spawn(process.execPath, nextServerArgs(root, { port: env.PORT, maxHeapMb: env.SERVER_MAX_HEAP_MB }), {
        cwd: root,
        env: {
          ...process.env,
          ...g2aApi,
          CWS_BASE_URL: cwsBaseUrl,
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
        },
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
  const g2aApi = env.G2A_API_BASE_URL ? {} : await startLocalG2a(env);
  // The demo catalogue only exists in the local sandbox; a real CWS gets the mappings staff make.
  const seeded = env.CWS_BASE_URL ? 0 : await seedDemoMappings(db);
  if (seeded > 0) console.log(`Seeded ${seeded} demo product mappings (see the README's demo catalogue).`);
  await db.$disconnect();
  await ensureBuild(root);
  startServer(env, cwsBaseUrl, g2aApi);
  const base = `http://localhost:${env.PORT}`;
  if (await waitForHealth(`${base}/api/health`, 60_000)) {
    console.log(
      `\nG2A Dropship is running.\n  Dashboard:     ${base}/\n  Health:        ${base}/api/health\n  G2A base URL:  ${base}/api/g2a\n  CWS:           ${cwsBaseUrl}${sandbox ? " (local sandbox)" : ""}\n  G2A API:       ${env.G2A_API_BASE_URL ?? `${g2aSandbox?.url} (local sandbox)`}`,
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
