import path from "node:path";
import { hostOption, integerOption, portOption, stateFileOption, tokenTtlOption } from "../sandbox-kit/options";
import { SHARED_SANDBOX_CLIENT } from "./auth";
import { DEFAULT_CATALOGUE_PATH } from "./catalogue";
import type { SimSettings } from "./context";
import { isEuroAmount, toCents } from "./money";

export interface SimulatorClient {
  id: string;
  secret: string;
}

export interface SimulatorOptions {
  /** Listening port; 0 picks a free one (reported by the result). Default 4010. */
  port?: number;
  /** Bind address. Default 127.0.0.1: the control API has no authentication. */
  host?: string;
  /** Base of links and image URLs. Default http://localhost:<port>. */
  publicUrl?: string;
  /** Catalogue file path. Default: the bundled default-catalogue.json. */
  catalogue?: string;
  /** Starting currentBalance in EUR. Default 1000. */
  balance?: number;
  /** Starting currentCredit in EUR. Default 0. */
  credit?: number;
  /** Token lifetime in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** Extra accepted credentials, as a list or as "id:secret,id:secret". The shared sandbox pair is always accepted. */
  clients?: SimulatorClient[] | string;
  /** Page size of GET /v3/products. Default 100. */
  pageSize?: number;
  /** Seed of the generator behind codes and fault sampling. Default random. */
  seed?: number;
  /** Starting value of faults.rateLimit.enabled. Default true. */
  rateLimits?: boolean;
  /** Load the state from this file at start when it exists, and save it there after every change. */
  stateFile?: string;
  /** Receives one line per request; false or absent: no logging. */
  log?: ((line: string) => void) | false;
}

export interface RunningSimulator {
  /** Where to send requests, e.g. http://127.0.0.1:4010. */
  url: string;
  port: number;
  /** Stops listening, drops open and held connections, and writes the state file. */
  close(): Promise<void>;
  /** Writes the state file now, synchronously (a process that is exiting has no time for close). */
  saveState(): void;
}

export class SimulatorConfigError extends Error {
  override name = "SimulatorConfigError";
}

export const DEFAULT_PORT = 4010;

/** "id:secret,id:secret", each entry split at its first colon (secrets may contain colons). */
export function parseClients(text: string): SimulatorClient[] {
  return text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const colon = entry.indexOf(":");
      if (colon <= 0) throw new SimulatorConfigError(`clients: "${entry.split(":")[0]}…" must be written id:secret`);
      return { id: entry.slice(0, colon), secret: entry.slice(colon + 1) };
    });
}

function centsOf(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!isEuroAmount(value)) throw new SimulatorConfigError(`${name} must be an amount in EUR with at most 2 decimals`);
  return toCents(value);
}

function publicUrlOf(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SimulatorConfigError(`publicUrl "${value}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new SimulatorConfigError("publicUrl must be an http or https URL");
  return value.replace(/\/+$/, "");
}

export interface ResolvedOptions {
  settings: SimSettings;
  port: number;
  host: string;
  publicUrl: string | null;
  stateFile: string | null;
  log: ((line: string) => void) | null;
}

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const clients = typeof options.clients === "string" ? parseClients(options.clients) : (options.clients ?? []);
  const credentials = new Map<string, string>([[SHARED_SANDBOX_CLIENT.id, SHARED_SANDBOX_CLIENT.secret]]);
  for (const client of clients) {
    if (client.id === "" || client.secret === "")
      throw new SimulatorConfigError("clients: every id and secret must be non-empty");
    credentials.set(client.id, client.secret);
  }
  const host = hostOption(SimulatorConfigError, options.host);
  return {
    settings: {
      tokenTtlSeconds: tokenTtlOption(SimulatorConfigError, options.tokenTtlSeconds),
      pageSize: integerOption(SimulatorConfigError, "pageSize", options.pageSize, 100, 1, 100_000),
      credentials,
      cataloguePath: path.resolve(options.catalogue ?? DEFAULT_CATALOGUE_PATH),
      startBalanceCents: centsOf("balance", options.balance, 100_000),
      startCreditCents: centsOf("credit", options.credit, 0),
      seed:
        options.seed === undefined
          ? null
          : integerOption(SimulatorConfigError, "seed", options.seed, 0, 0, 2 ** 32 - 1),
      rateLimitsEnabled: options.rateLimits ?? true,
    },
    port: portOption(SimulatorConfigError, options.port, DEFAULT_PORT),
    host,
    publicUrl: options.publicUrl === undefined ? null : publicUrlOf(options.publicUrl),
    stateFile: stateFileOption(options.stateFile),
    log: options.log || null,
  };
}
