import { DEFAULT_G2A_SANDBOX_CLIENT } from "./auth";
import { CatalogueError } from "./catalogue";
import { DEFAULT_PORT, G2aSandboxConfigError, type G2aSandboxOptions } from "./options";
import { StateFileError } from "./persistence";
import { startG2aSandbox } from "./server";

// `tsx tools/g2a-sandbox/cli.ts [--port 4020] [--state-file data/g2a-sandbox.json] …`
// Each flag falls back to its G2A_SANDBOX_* variable, then to the default.

class UsageError extends Error {}

type Setter = (options: G2aSandboxOptions, raw: string, flag: string) => void;

function numberFrom(raw: string, flag: string): number {
  const value = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`${flag} expects a number, got "${raw}"`);
  return value;
}

const FLAGS: Record<string, { env: string; help: string; set: Setter }> = {
  "--port": {
    env: "G2A_SANDBOX_PORT",
    help: `listening port, 0 for a free one (${DEFAULT_PORT})`,
    set: (o, raw, flag) => (o.port = numberFrom(raw, flag)),
  },
  "--host": { env: "G2A_SANDBOX_HOST", help: "bind address (127.0.0.1)", set: (o, raw) => (o.host = raw) },
  "--state-file": {
    env: "G2A_SANDBOX_STATE_FILE",
    help: "keep state in this file across restarts (in memory)",
    set: (o, raw) => (o.stateFile = raw),
  },
  "--catalogue": {
    env: "G2A_SANDBOX_CATALOGUE",
    help: "catalogue JSON file (bundled default)",
    set: (o, raw) => (o.catalogueFile = raw),
  },
  "--token-ttl": {
    env: "G2A_SANDBOX_TOKEN_TTL",
    help: "token lifetime in seconds (3600)",
    set: (o, raw, flag) => (o.tokenTtlSeconds = numberFrom(raw, flag)),
  },
  "--job-delay-ms": {
    env: "G2A_SANDBOX_JOB_DELAY_MS",
    help: "how long a job stays pending (1000)",
    set: (o, raw, flag) => (o.jobDelayMs = numberFrom(raw, flag)),
  },
};

function usage(): string {
  const lines = Object.entries(FLAGS).map(
    ([flag, { env, help }]) => `  ${`${flag} <value>`.padEnd(24)} ${env.padEnd(26)} ${help}`,
  );
  return [
    "Usage: tsx tools/g2a-sandbox/cli.ts [options]",
    "",
    "  flag                     environment variable       meaning (default)",
    ...lines,
  ].join("\n");
}

function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv): G2aSandboxOptions {
  const options: G2aSandboxOptions = {};
  for (const { env: name, set } of Object.values(FLAGS)) {
    const value = env[name];
    if (value !== undefined && value !== "") set(options, value, name);
  }
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? "";
    const equals = argument.indexOf("=");
    const flag = equals > 0 ? argument.slice(0, equals) : argument;
    const entry = FLAGS[flag];
    if (!entry) throw new UsageError(`Unknown option ${argument}`);
    const value = equals > 0 ? argument.slice(equals + 1) : argv[++index];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    entry.set(options, value, flag);
  }
  return options;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(usage());
    return;
  }
  const options = parseArguments(argv, process.env);
  const sandbox = await startG2aSandbox({ ...options, log: true });
  console.log(
    `G2A sandbox listening on ${sandbox.url}${options.stateFile ? ` (state file ${options.stateFile})` : ""}`,
  );
  // The default pair is the sandbox's own and published in its README, so printing it gives nothing away.
  // A state file or POST /__sim/settings may have replaced it.
  console.log(
    `Default client (the sandbox's own): client_id ${DEFAULT_G2A_SANDBOX_CLIENT.clientId}, client_secret ${DEFAULT_G2A_SANDBOX_CLIENT.clientSecret}`,
  );
  console.log(`Control API: ${sandbox.url}/__sim/state`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping the G2A sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage()}`);
    process.exit(2);
  }
  const known =
    error instanceof CatalogueError || error instanceof G2aSandboxConfigError || error instanceof StateFileError;
  console.error(known ? error.message : error);
  process.exit(1);
});
