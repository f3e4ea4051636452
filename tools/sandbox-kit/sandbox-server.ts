import type { ServerResponse } from "node:http";
import { dispatchSimple, type SimpleRouteGroup } from "./dispatch";
import { handleExchange, type Exchange, type ExchangePlan } from "./exchange";
import { Holds } from "./holds";
import type { Reply } from "./http-io";
import { startHttpServer, type RunningServer } from "./http-server";
import { keepRecent, type RequestRecord } from "./request-log";
import { StateFileWriter } from "./state-file";

export interface SandboxServerOptions<C extends { changed: () => void }, R extends Reply> {
  port: number;
  host: string;
  /** The sandbox's configuration error, thrown when the port cannot be listened on. */
  configError: new (message: string) => Error;
  /** Where the state is loaded from at start and saved after changes; null keeps it in memory. */
  stateFile: string | null;
  /** Makes the sandbox's context, which calls `changed` after anything that may have changed its state. */
  createContext: (changed: () => void) => C;
  persistence: {
    /** Replaces the context's state with the file's, when the file exists. */
    load: (context: C, filePath: string) => void;
    /** What the state file holds. */
    snapshot: (context: C) => unknown;
  };
  /** Receives one line per request; null: no logging. */
  log: ((line: string) => void) | null;
  /** The context's request log, asked for each record since a reset replaces the state. */
  requestLog: (context: C) => RequestRecord[];
  /** Runs first for every request. */
  onRequest?: (context: C, exchange: Exchange) => void;
  /** The group of simple routes that answers the request (the control API, say), or null for the API. */
  simpleRoutes: (exchange: Exchange) => SimpleRouteGroup<C, R> | null;
  /** The API's own steps, from routing to the handler's answer. Its requests go into the request log. */
  pipeline: (context: C, holds: Holds, exchange: Exchange) => Promise<void>;
  /** The API's answer to a request whose handling threw; a group of simple routes has its own. */
  internalError: () => R;
  /** Sends a reply with the API's headers and payload kinds. */
  write: (res: ServerResponse, reply: R) => void;
  /** Runs once the server listens, before the state file is first written. */
  listening?: (context: C, port: number) => void;
}

function plan<C extends { changed: () => void }, R extends Reply>(
  options: SandboxServerOptions<C, R>,
  context: C,
  holds: Holds,
  exchange: Exchange,
): ExchangePlan {
  options.onRequest?.(context, exchange);
  const group = options.simpleRoutes(exchange);
  const write = (reply: R) => options.write(exchange.res, reply);
  return {
    logged: group === null,
    run: () => (group ? dispatchSimple(context, group, exchange, write) : options.pipeline(context, holds, exchange)),
    fail: () => write(group ? group.internalError() : options.internalError()),
  };
}

/** Starts a sandbox: its context, its state file, and an HTTP server in front of them. */
export async function startSandboxServer<C extends { changed: () => void }, R extends Reply>(
  options: SandboxServerOptions<C, R>,
): Promise<RunningServer> {
  let writer: StateFileWriter | null = null;
  const context = options.createContext(() => writer?.schedule());
  const { stateFile, persistence } = options;
  if (stateFile !== null) {
    persistence.load(context, stateFile);
    writer = new StateFileWriter(() => persistence.snapshot(context), stateFile);
  }

  const holds = new Holds();
  const server = await startHttpServer({
    port: options.port,
    host: options.host,
    handle: (req, res) =>
      handleExchange(req, res, {
        log: options.log,
        keep: (record) => keepRecent(options.requestLog(context), record),
        plan: (exchange) => plan(options, context, holds, exchange),
      }),
    configError: options.configError,
    holds,
    closed: () => writer?.close(),
    saveState: () => writer?.flush(),
  });
  options.listening?.(context, server.port);
  writer?.flush();
  return server;
}
