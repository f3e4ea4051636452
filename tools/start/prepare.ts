import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ensureFirstAdmin } from "@/lib/auth/users";
import { checkStoredKeysAtStart } from "@/lib/backup/start-checks";
import { createDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { ConfigError, loadEnv, type Env } from "@/lib/env";
import { protectDataDir, serverPidFile } from "@/lib/env/data-dir";
import { GENERATED_SECRETS } from "@/lib/env/secrets";
import { seedDemoMappings } from "@/lib/demo/seed";
import { ensureG2aCredentials } from "@/lib/g2a/credentials";
import { DEFAULT_G2A_SANDBOX_CLIENT } from "@/tools/g2a-sandbox/server";
import { ensureBuild } from "../build/ensure-build";
import { SERVER_ENVIRONMENT, serverNodeFlags } from "../server/next-command";
import { LOCAL_SANDBOX_VARIABLES } from "../server/local-sandboxes";

// `npm start`'s preparation, a process that ends before the server starts (tools/start.sh):
// configuration, migrations, the first admin and G2A credentials, the demo mappings, a current
// production build, and what the server is started with (the local sandboxes it runs when no CWS or
// G2A seller API is named). Messages go to standard error; the server's environment is written to
// file descriptor 3 as shell assignments, for start.sh to read.

const root = process.cwd();

/** Fails with the reason in words when something listens on the port already. */
async function ensureFree(port: number, what: { name: string; portVariable: string; urlVariable: string }) {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new ConfigError(
          error.code === "EADDRINUSE"
            ? `Port ${port} is taken, so the local ${what.name} sandbox cannot start: set ${what.portVariable} to a free port, or ${what.urlVariable} to use a real one instead.`
            : `The local ${what.name} sandbox cannot listen on port ${port}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/** The server's own variables: the local sandboxes it runs and uses, unless real services are named. */
async function serverVariables(env: Env): Promise<Record<string, string>> {
  const variables: Record<string, string> = {
    PORT: String(env.PORT),
    ...SERVER_ENVIRONMENT,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    SERVER_NODE_FLAGS: serverNodeFlags(env.SERVER_MAX_HEAP_MB).join(" "),
    SERVER_PID_FILE: serverPidFile(env.dataDir),
    START_ANNOUNCE: "1",
  };
  if (!env.CWS_BASE_URL) {
    await ensureFree(env.CWS_SANDBOX_PORT, {
      name: "CWS",
      portVariable: "CWS_SANDBOX_PORT",
      urlVariable: "CWS_BASE_URL",
    });
    Object.assign(variables, {
      CWS_BASE_URL: `http://127.0.0.1:${env.CWS_SANDBOX_PORT}`,
      [LOCAL_SANDBOX_VARIABLES.cwsPort]: String(env.CWS_SANDBOX_PORT),
      [LOCAL_SANDBOX_VARIABLES.cwsState]: path.join(env.dataDir, "cws-sandbox.json"),
    });
  }
  if (!env.G2A_API_BASE_URL) {
    await ensureFree(env.G2A_SANDBOX_PORT, {
      name: "G2A",
      portVariable: "G2A_SANDBOX_PORT",
      urlVariable: "G2A_API_BASE_URL",
    });
    // The pair configured (the variables come in pairs), or the sandbox's own public development pair.
    const client =
      env.G2A_API_CLIENT_ID && env.G2A_API_CLIENT_SECRET
        ? { clientId: env.G2A_API_CLIENT_ID, clientSecret: env.G2A_API_CLIENT_SECRET }
        : DEFAULT_G2A_SANDBOX_CLIENT;
    Object.assign(variables, {
      G2A_API_BASE_URL: `http://127.0.0.1:${env.G2A_SANDBOX_PORT}`,
      // The server calls the sandbox with this pair, and the sandbox accepts it.
      G2A_API_CLIENT_ID: client.clientId,
      G2A_API_CLIENT_SECRET: client.clientSecret,
      [LOCAL_SANDBOX_VARIABLES.g2aPort]: String(env.G2A_SANDBOX_PORT),
      [LOCAL_SANDBOX_VARIABLES.g2aState]: path.join(env.dataDir, "g2a-sandbox.json"),
    });
  }
  return variables;
}

/** `export NAME='value'` lines a POSIX shell reads back exactly. */
function shellAssignments(variables: Record<string, string>): string {
  const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
  return Object.entries(variables)
    .map(([name, value]) => `export ${name}=${quote(value)}\n`)
    .join("");
}

async function main(): Promise<void> {
  const env = loadEnv();
  protectDataDir(env.dataDir, env.databaseFile);
  await applyMigrations();
  const db = createDb(env.databaseFile);
  const keysWarning = await checkStoredKeysAtStart(db, env);
  for (const name of env.generatedSecrets) {
    console.error(
      `Generated ${name} into ${path.join(env.dataDir, "secrets")}: it ${GENERATED_SECRETS[name].purpose}.`,
    );
  }
  console.error(`Database ready: ${path.relative(root, env.databaseFile) || env.databaseFile}`);
  if (keysWarning) console.error(keysWarning);
  const g2a = await ensureG2aCredentials(db, env);
  const admin = await ensureFirstAdmin(db, env);
  // The demo catalogue only exists in the local sandbox; a real CWS gets the mappings staff make.
  const seeded = env.CWS_BASE_URL ? 0 : await seedDemoMappings(db);
  if (seeded > 0) console.error(`Seeded ${seeded} demo product mappings (see the README's demo catalogue).`);
  await db.$disconnect();
  const variables = await serverVariables(env);
  await ensureBuild(root, { log: (line) => console.error(line) });
  if (g2a.generated) {
    console.error(
      `\nG2A client id:      ${g2a.generated.clientId}\nG2A client secret:  ${g2a.generated.clientSecret}\n(shown this once: store it now; rotate it in Settings if it is lost)`,
    );
  }
  if (admin.created) {
    console.error(
      `\nAdmin e-mail:        ${admin.created.email}\nAdmin password:      ${admin.created.password}\n(shown this once: store it now; change it in Settings > Users)`,
    );
  }
  fs.writeSync(3, shellAssignments(variables));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
