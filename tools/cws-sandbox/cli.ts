import { CatalogueError } from "./catalogue";
import { SimulatorConfigError, type SimulatorOptions } from "./options";
import { StateFileError } from "./persistence";
import { startSimulator } from "./server";

// `tsx tools/cws-sandbox/cli.ts [--port 4010] [--catalogue file.json] [--state-file data/cws-sim.json] …`
// Each flag falls back to its CWS_SIM_* variable, then to the default of spec §13.2.

class UsageError extends Error {}

type Setter = (options: SimulatorOptions, raw: string, flag: string) => void;

function numberFrom(raw: string, flag: string): number {
  const value = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`${flag} expects a number, got "${raw}"`);
  return value;
}

function switchFrom(raw: string, flag: string): boolean {
  const lowered = raw.trim().toLowerCase();
  if (["on", "true", "1", "yes"].includes(lowered)) return true;
  if (["off", "false", "0", "no"].includes(lowered)) return false;
  throw new UsageError(`${flag} expects on or off, got "${raw}"`);
}

const FLAGS: Record<string, { env: string; help: string; set: Setter }> = {
  "--port": {
    env: "CWS_SIM_PORT",
    help: "listening port, 0 for a free one (4010)",
    set: (o, raw, flag) => (o.port = numberFrom(raw, flag)),
  },
  "--host": { env: "CWS_SIM_HOST", help: "bind address (127.0.0.1)", set: (o, raw) => (o.host = raw) },
  "--public-url": {
    env: "CWS_SIM_PUBLIC_URL",
    help: "base of links (http://localhost:<port>)",
    set: (o, raw) => (o.publicUrl = raw),
  },
  "--catalogue": {
    env: "CWS_SIM_CATALOGUE",
    help: "catalogue JSON file (bundled default)",
    set: (o, raw) => (o.catalogue = raw),
  },
  "--balance": {
    env: "CWS_SIM_BALANCE",
    help: "starting balance in EUR (1000.00)",
    set: (o, raw, flag) => (o.balance = numberFrom(raw, flag)),
  },
  "--credit": {
    env: "CWS_SIM_CREDIT",
    help: "starting credit in EUR (0.00)",
    set: (o, raw, flag) => (o.credit = numberFrom(raw, flag)),
  },
  "--token-ttl": {
    env: "CWS_SIM_TOKEN_TTL",
    help: "token lifetime in seconds (3600)",
    set: (o, raw, flag) => (o.tokenTtlSeconds = numberFrom(raw, flag)),
  },
  "--clients": {
    env: "CWS_SIM_CLIENTS",
    help: "extra credentials id:secret,id:secret",
    set: (o, raw) => (o.clients = raw),
  },
  "--page-size": {
    env: "CWS_SIM_PAGE_SIZE",
    help: "GET /v3/products page size (100)",
    set: (o, raw, flag) => (o.pageSize = numberFrom(raw, flag)),
  },
  "--seed": {
    env: "CWS_SIM_SEED",
    help: "seed for codes and fault sampling (random)",
    set: (o, raw, flag) => (o.seed = numberFrom(raw, flag)),
  },
  "--rate-limits": {
    env: "CWS_SIM_RATE_LIMITS",
    help: "on or off (on)",
    set: (o, raw, flag) => (o.rateLimits = switchFrom(raw, flag)),
  },
  "--state-file": {
    env: "CWS_SIM_STATE_FILE",
    help: "keep state in this file across restarts (in memory)",
    set: (o, raw) => (o.stateFile = raw),
  },
};

function usage(): string {
  const lines = Object.entries(FLAGS).map(
    ([flag, { env, help }]) => `  ${`${flag} <value>`.padEnd(24)} ${env.padEnd(22)} ${help}`,
  );
  return [
    "Usage: tsx tools/cws-sandbox/cli.ts [options]",
    "",
    "  flag                     environment variable   meaning (default)",
    ...lines,
  ].join("\n");
}

function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv): SimulatorOptions {
  const options: SimulatorOptions = {};
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
  const simulator = await startSimulator({ ...options, log: (line) => console.log(line) });
  console.log(
    `CWS sandbox simulator listening on ${simulator.url}${options.stateFile ? ` (state file ${options.stateFile})` : ""}`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping the CWS sandbox simulator`);
    simulator.close().then(
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
    error instanceof CatalogueError || error instanceof SimulatorConfigError || error instanceof StateFileError;
  console.error(known ? error.message : error);
  process.exit(1);
});
