import http, { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { SandboxContext } from "./context";
import { refuseForeignControlRequest } from "./control-guard";
import { toIso } from "./dates";
import { Holds } from "./holds";
import { apiError, bodyReader, controlError, writeReply } from "./http-io";
import { settleJobs } from "./jobs";
import { G2aSandboxConfigError, resolveOptions, type G2aSandboxOptions, type RunningG2aSandbox } from "./options";
import { loadStateFile, StateFileWriter } from "./persistence";
import { runApiPipeline, type RequestTrace } from "./pipeline";
import { matchRoute } from "./router";
import { CONTROL_ROUTES } from "./routes/control";
import { createSandboxContext } from "./sandbox";
import { RECENT_REQUESTS_KEPT, type RequestRecord } from "./state";

export { DEFAULT_G2A_SANDBOX_CLIENT } from "./auth";
export { CatalogueError, type G2aSandboxProduct } from "./catalogue";
export { G2aSandboxConfigError, type G2aSandboxOptions, type RunningG2aSandbox } from "./options";
export { StateFileError } from "./persistence";
export type { G2aSandboxClient } from "./settings";

function recordRequest(sandbox: SandboxContext, record: RequestRecord): void {
  const { requests } = sandbox.state;
  requests.push(record);
  if (requests.length > RECENT_REQUESTS_KEPT) requests.splice(0, requests.length - RECENT_REQUESTS_KEPT);
}

/** Time, method, path (never the query, which may hold a client secret), status, duration and fault. */
function formatLogLine(record: RequestRecord): string {
  const fault = record.fault === null ? "" : ` fault=${record.fault}`;
  return `${record.at} ${record.method} ${record.path} ${record.status ?? "-"} ${record.ms}ms${fault}`;
}

async function dispatchControl(
  sandbox: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? "GET";
  const foreign = refuseForeignControlRequest(req);
  if (foreign) return writeReply(res, foreign);
  const match = matchRoute(CONTROL_ROUTES, method, url.pathname);
  if (match.kind === "none") return writeReply(res, controlError(404, `No control route ${method} ${url.pathname}`));
  if (match.kind === "wrongMethod") {
    const reply = controlError(405, `Method ${method} is not allowed here`);
    return writeReply(res, { ...reply, headers: { Allow: match.allowed.join(", ") } });
  }
  const reply = await match.route.handler(sandbox, {
    method,
    url,
    params: match.params,
    headers: req.headers,
    readBody: bodyReader(req),
  });
  if (method !== "GET") sandbox.changed();
  writeReply(res, reply);
}

function handleRequest(
  sandbox: SandboxContext,
  holds: Holds,
  log: boolean,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const startedAt = Date.now();
  const started = performance.now();
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://sandbox.invalid");
  const control = url.pathname === "/__sim" || url.pathname.startsWith("/__sim/");
  const trace: RequestTrace = { fault: null };

  res.on("close", () => {
    const record: RequestRecord = {
      at: toIso(startedAt),
      method,
      path: url.pathname,
      status: res.writableFinished ? res.statusCode : null,
      ms: Math.round(performance.now() - started),
      fault: trace.fault,
    };
    if (!control) recordRequest(sandbox, record);
    if (log) console.log(formatLogLine(record));
  });

  // Jobs complete with the passing of time; every request sees them as they are now.
  if (settleJobs(sandbox.state, startedAt)) sandbox.changed();
  const work = control ? dispatchControl(sandbox, req, res, url) : runApiPipeline(sandbox, holds, req, res, url, trace);
  work.catch((error: unknown) => {
    if (log) {
      const reason = error instanceof Error ? error.message : String(error);
      console.log(`${toIso(Date.now())} internal error on ${method} ${url.pathname}: ${reason}`);
    }
    writeReply(
      res,
      control
        ? controlError(500, "Internal sandbox error")
        : apiError(500, "INTERNAL_SERVER_ERROR", "Internal sandbox error"),
    );
  });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(new G2aSandboxConfigError(`Cannot listen on ${host}:${port}: ${error.code ?? error.message}`));
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
 * Starts the local G2A Import API sandbox. Throws CatalogueError for an invalid catalogue, StateFileError
 * for an unreadable state file and G2aSandboxConfigError for bad options or a busy port.
 */
export async function startG2aSandbox(options: G2aSandboxOptions = {}): Promise<RunningG2aSandbox> {
  const resolved = resolveOptions(options);
  let writer: StateFileWriter | null = null;
  const sandbox = createSandboxContext(resolved.catalogue, resolved.start, () => writer?.schedule());
  if (resolved.stateFile !== null) {
    loadStateFile(sandbox, resolved.stateFile);
    writer = new StateFileWriter(() => sandbox, resolved.stateFile);
  }

  const holds = new Holds();
  const server = http.createServer((req, res) => handleRequest(sandbox, holds, resolved.log, req, res));
  const port = await listen(server, resolved.port, resolved.host);
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
