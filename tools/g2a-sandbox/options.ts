import path from "node:path";
import { hostOption, integerOption, portOption, stateFileOption, tokenTtlOption } from "../sandbox-kit/options";
import { DEFAULT_G2A_SANDBOX_CLIENT } from "./auth";
import { DEFAULT_CATALOGUE_PATH, loadCatalogue, parseProducts, type G2aSandboxProduct } from "./catalogue";
import type { G2aSandboxClient, StartSettings } from "./settings";

export type G2aSandboxOptions = {
  /** Listening port; 0 picks a free one (reported by the result). Default 4020. */
  port?: number;
  /** Bind address. Default 127.0.0.1: the control API has no authentication. */
  host?: string;
  /** Load the state from this JSON file at start when it exists, and save it there after every change. */
  stateFile?: string;
  /** A JSON array of products. Default: the bundled default-catalogue.json. */
  catalogueFile?: string;
  /** When given, replaces the catalogue. */
  products?: G2aSandboxProduct[];
  /** The accepted Import API credentials. Default: DEFAULT_G2A_SANDBOX_CLIENT alone. */
  clients?: G2aSandboxClient[];
  /** Token lifetime in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** How long a job stays "pending" before it completes. Default 1000. */
  jobDelayMs?: number;
  /** One line per request on stdout. Default false. */
  log?: boolean;
};

export type RunningG2aSandbox = {
  /** Where to send requests, e.g. http://127.0.0.1:4020. */
  url: string;
  port: number;
  /** Stops listening, drops open connections and writes the state file. */
  close(): Promise<void>;
  /** Writes the state file now, synchronously (a process that is exiting has no time for close). */
  saveState(): void;
};

export class G2aSandboxConfigError extends Error {
  override name = "G2aSandboxConfigError";
}

export const DEFAULT_PORT = 4020;

function clientsOf(clients: G2aSandboxClient[] | undefined): G2aSandboxClient[] {
  if (clients === undefined) return [{ ...DEFAULT_G2A_SANDBOX_CLIENT }];
  if (clients.length === 0) throw new G2aSandboxConfigError("clients must hold at least one client");
  for (const client of clients)
    if (client.clientId === "" || client.clientSecret === "")
      throw new G2aSandboxConfigError("clients: every clientId and clientSecret must be non-empty");
  return clients.map((client) => ({ clientId: client.clientId, clientSecret: client.clientSecret }));
}

export interface ResolvedOptions {
  start: StartSettings;
  catalogue: G2aSandboxProduct[];
  port: number;
  host: string;
  stateFile: string | null;
  log: boolean;
}

/** Checks the options and loads the catalogue. Throws G2aSandboxConfigError or CatalogueError. */
export function resolveOptions(options: G2aSandboxOptions): ResolvedOptions {
  const host = hostOption(G2aSandboxConfigError, options.host);
  return {
    start: {
      tokenTtlSeconds: tokenTtlOption(G2aSandboxConfigError, options.tokenTtlSeconds),
      jobDelayMs: integerOption(G2aSandboxConfigError, "jobDelayMs", options.jobDelayMs, 1000, 0, 3_600_000),
      clients: clientsOf(options.clients),
    },
    catalogue:
      options.products !== undefined
        ? parseProducts(options.products, "products")
        : loadCatalogue(path.resolve(options.catalogueFile ?? DEFAULT_CATALOGUE_PATH)),
    port: portOption(G2aSandboxConfigError, options.port, DEFAULT_PORT),
    host,
    stateFile: stateFileOption(options.stateFile),
    log: options.log ?? false,
  };
}
