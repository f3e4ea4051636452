import { DEFAULT_HOST, DEFAULT_TOKEN_TTL_SECONDS } from "./options";

// Command-line flags of a sandbox: each falls back to its environment variable, then to the default.

/** A mistake on the command line: answered with the help text and exit code 2. */
export class UsageError extends Error {}

export interface Flag<O> {
  env: string;
  help: string;
  set: (options: O, raw: string, flag: string) => void;
}

export type Flags<O> = Record<string, Flag<O>>;

export function numberFrom(raw: string, flag: string): number {
  const value = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`${flag} expects a number, got "${raw}"`);
  return value;
}

export function switchFrom(raw: string, flag: string): boolean {
  const lowered = raw.trim().toLowerCase();
  if (["on", "true", "1", "yes"].includes(lowered)) return true;
  if (["off", "false", "0", "no"].includes(lowered)) return false;
  throw new UsageError(`${flag} expects on or off, got "${raw}"`);
}

/** The help text: one line per flag, with its variable (in a column `envWidth` wide) and meaning. */
export function usage<O>(script: string, flags: Flags<O>, envWidth: number): string {
  const row = (flag: string, env: string, help: string) => `  ${flag.padEnd(24)} ${env.padEnd(envWidth)} ${help}`;
  return [
    `Usage: tsx ${script} [options]`,
    "",
    row("flag", "environment variable", "meaning (default)"),
    ...Object.entries(flags).map(([flag, { env, help }]) => row(`${flag} <value>`, env, help)),
  ].join("\n");
}

/** Reads the variables first, so that a flag (`--flag value` or `--flag=value`) wins over its variable. */
export function parseArguments<O extends object>(flags: Flags<O>, argv: readonly string[], env: NodeJS.ProcessEnv): O {
  // Every option is optional, so no option at all is a valid start.
  const options = {} as O;
  for (const { env: name, set } of Object.values(flags)) {
    const value = env[name];
    if (value !== undefined && value !== "") set(options, value, name);
  }
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? "";
    const equals = argument.indexOf("=");
    const flag = equals > 0 ? argument.slice(0, equals) : argument;
    const entry = flags[flag];
    if (!entry) throw new UsageError(`Unknown option ${argument}`);
    const value = equals > 0 ? argument.slice(equals + 1) : argv[++index];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    entry.set(options, value, flag);
  }
  return options;
}

// The flags every sandbox takes, each under its own variable.

export function portFlag<O extends { port?: number }>(env: string, defaultPort: number): Flag<O> {
  return {
    env,
    help: `listening port, 0 for a free one (${defaultPort})`,
    set: (o, raw, flag) => (o.port = numberFrom(raw, flag)),
  };
}

export function hostFlag<O extends { host?: string }>(env: string): Flag<O> {
  return { env, help: `bind address (${DEFAULT_HOST})`, set: (o, raw) => (o.host = raw) };
}

export function stateFileFlag<O extends { stateFile?: string }>(env: string): Flag<O> {
  return { env, help: "keep state in this file across restarts (in memory)", set: (o, raw) => (o.stateFile = raw) };
}

/** The sandboxes name the catalogue option differently, hence `set`. */
export function catalogueFlag<O>(env: string, set: (options: O, file: string) => void): Flag<O> {
  return { env, help: "catalogue JSON file (bundled default)", set: (o, raw) => set(o, raw) };
}

export function tokenTtlFlag<O extends { tokenTtlSeconds?: number }>(env: string): Flag<O> {
  return {
    env,
    help: `token lifetime in seconds (${DEFAULT_TOKEN_TTL_SECONDS})`,
    set: (o, raw, flag) => (o.tokenTtlSeconds = numberFrom(raw, flag)),
  };
}
