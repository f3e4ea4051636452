import { parseArguments, usage, UsageError, type Flags } from "./cli-flags";

export interface SandboxCli<O extends { stateFile?: string }> {
  /** The script's path, for the usage line. */
  script: string;
  flags: Flags<O>;
  /** Width of the help text's environment variable column. */
  envWidth: number;
  /** What the start and stop lines call the server, e.g. "G2A sandbox". */
  name: string;
  /** Errors the user can fix (bad options, unreadable files): their message alone is printed. */
  knownErrors: ReadonlyArray<new (message: string) => Error>;
  start: (options: O) => Promise<{ url: string; close(): Promise<void> }>;
  /** Lines printed after the one that says where the server listens. */
  greeting?: (url: string) => string[];
}

async function main<O extends { stateFile?: string }>(cli: SandboxCli<O>, help: string): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(help);
    return;
  }
  const options = parseArguments(cli.flags, argv, process.env);
  const server = await cli.start(options);
  console.log(`${cli.name} listening on ${server.url}${options.stateFile ? ` (state file ${options.stateFile})` : ""}`);
  for (const line of cli.greeting?.(server.url) ?? []) console.log(line);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping the ${cli.name}`);
    server.close().then(
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

/** Runs a sandbox from the command line until SIGINT or SIGTERM; exits 2 on a usage error, 1 on others. */
export function runSandboxCli<O extends { stateFile?: string }>(cli: SandboxCli<O>): void {
  const help = usage(cli.script, cli.flags, cli.envWidth);
  main(cli, help).catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${help}`);
      process.exit(2);
    }
    const known = error instanceof Error && cli.knownErrors.some((kind) => error instanceof kind);
    console.error(known ? error.message : error);
    process.exit(1);
  });
}
