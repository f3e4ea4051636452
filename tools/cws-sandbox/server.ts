import http, { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { loadCatalogue } from "./catalogue";
import type { Handler, SimContext, SimRequest } from "./context";
import { toIso } from "./dates";
import { Holds } from "./holds";
import { apiError, bodyReader, controlError, writeReply, type Reply } from "./http-io";
import { resolveOptions, SimulatorConfigError, type RunningSimulator, type SimulatorOptions } from "./options";
import { loadStateFile, StateFileWriter } from "./persistence";
import { runApiPipeline, type RequestTrace } from "./pipeline";
import { matchRoute, type RouteDefinition } from "./router";
import { refuseForeignControlRequest } from "./control-guard";
import { CONTROL_ROUTES } from "./routes/control";
import { getProductImage } from "./routes/image";
import { createSimContext } from "./simulator";
import { RECENT_REQUESTS_KEPT, type RequestRecord, type SimState } from "./state";

export type { RunningSimulator, SimulatorClient, SimulatorOptions } from "./options";

interface SimpleRoute extends RouteDefinition {
  handler: Handler<SimRequest>;
}

/** Routes outside the API pipeline: never counted, faulted or rate-limited. */
interface SimpleRouteGroup {
  routes: readonly SimpleRoute[];
  error: (status: number, message: string) => Reply;
}

const CONTROL: SimpleRouteGroup = { routes: CONTROL_ROUTES, error: controlError };
const PUBLIC_IMAGES: SimpleRouteGroup = {
  routes: [{ method: "GET", pattern: "/v1/products/{productId}/image", handler: getProductImage }],
  error: (status, message) => apiError(status, 0, message),
};

function recordRequest(state: SimState, record: RequestRecord): void {
  state.recentRequests.push(record);
  if (state.recentRequests.length > RECENT_REQUESTS_KEPT)
    state.recentRequests.splice(0, state.recentRequests.length - RECENT_REQUESTS_KEPT);
}

/** Time, method, path (never the query, which may hold a client secret), status, duration and faults. */
function formatLogLine(record: RequestRecord): string {
  const fault = record.fault === null ? "" : ` fault=${record.fault}`;
  return `${record.at} ${record.method} ${record.path} ${record.status ?? "-"} ${record.ms}ms${fault}`;
}

async function dispatchSimple(
  sim: SimContext,
  group: SimpleRouteGroup,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? "GET";
  const foreign = group === CONTROL ? refuseForeignControlRequest(req) : null;
  if (foreign) return writeReply(res, foreign);
  const match = matchRoute(group.routes, method, url.pathname);
  if (match.kind === "none") return writeReply(res, group.error(404, `No handler for ${method} ${url.pathname}`));
  if (match.kind === "wrongMethod") {
    const reply = group.error(405, `Request method '${method}' not supported`);
    return writeReply(res, { ...reply, headers: { Allow: match.allowed.join(", ") } });
  }
  const reply = await match.route.handler(sim, {
    method,
    url,
    params: match.params,
    headers: req.headers,
    readBody: bodyReader(req),
  });
  if (method !== "GET") sim.changed();
  writeReply(res, reply);
}

function handleRequest(
  sim: SimContext,
  holds: Holds,
  log: ((line: string) => void) | null,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const startedAt = Date.now();
  const started = performance.now();
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://simulator.invalid");
  const trace: RequestTrace = { faults: [] };
  const group =
    url.pathname === "/__sim" || url.pathname.startsWith("/__sim/")
      ? CONTROL
      : matchRoute(PUBLIC_IMAGES.routes, method, url.pathname).kind !== "none"
        ? PUBLIC_IMAGES
        : null;

  res.on("close", () => {
    const record: RequestRecord = {
      at: toIso(startedAt),
      method,
      path: url.pathname,
      status: res.writableFinished ? res.statusCode : null,
      ms: Math.round(performance.now() - started),
      fault: trace.faults.length > 0 ? trace.faults.join("+") : null,
    };
    if (group === null) recordRequest(sim.state, record);
    log?.(formatLogLine(record));
  });

  const work = group ? dispatchSimple(sim, group, req, res, url) : runApiPipeline(sim, holds, req, res, url, trace);
  work.catch((error: unknown) => {
    log?.(
      `${toIso(Date.now())} internal error on ${method} ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`,
    );
    writeReply(
      res,
      group === CONTROL ? controlError(500, "Internal simulator error") : apiError(500, 0, "Internal simulator error"),
    );
  });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(new SimulatorConfigError(`Cannot listen on ${host}:${port}: ${error.code ?? error.message}`));
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Starts the CWS sandbox simulator (spec §13). Throws CatalogueError for an invalid catalogue,
 * StateFileError for an unreadable state file and SimulatorConfigError for bad options or a busy port.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveOptions(options);
  const catalogue = loadCatalogue(resolved.settings.cataloguePath);
  let writer: StateFileWriter | null = null;
  const sim = createSimContext(resolved.settings, catalogue, () => writer?.schedule());
  if (resolved.stateFile !== null) {
    loadStateFile(sim, resolved.stateFile);
    writer = new StateFileWriter(() => sim, resolved.stateFile);
  }

  const holds = new Holds();
  const server = http.createServer((req, res) => handleRequest(sim, holds, resolved.log, req, res));
  const port = await listen(server, resolved.port, resolved.host);
  sim.publicUrl = resolved.publicUrl ?? `http://localhost:${port}`;
  writer?.flush();

  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl(resolved.host)}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        holds.releaseAll();
      }).then(() => writer?.close());
      return closing;
    },
  };
}
