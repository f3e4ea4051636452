import { refuseForeignControlRequest } from "../sandbox-kit/control-guard";
import { isControlPath, type SimpleRouteGroup } from "../sandbox-kit/dispatch";
import { controlError } from "../sandbox-kit/http-io";
import { matchRoute } from "../sandbox-kit/router";
import { startSandboxServer } from "../sandbox-kit/sandbox-server";
import { loadCatalogue } from "./catalogue";
import type { SimContext } from "./context";
import { apiError, writeReply, type Reply } from "./http-io";
import { resolveOptions, SimulatorConfigError, type RunningSimulator, type SimulatorOptions } from "./options";
import { loadStateFile, stateSnapshot } from "./persistence";
import { runApiPipeline } from "./pipeline";
import { CONTROL_ROUTES } from "./routes/control";
import { getProductImage } from "./routes/image";
import { createSimContext } from "./simulator";

export type { RunningSimulator, SimulatorClient, SimulatorOptions } from "./options";

/** The simulator's wording for a path without a route, a method the path does not take, and a crash. */
function routeErrors(error: (status: number, message: string) => Reply) {
  return {
    notFound: (method: string, pathname: string) => error(404, `No handler for ${method} ${pathname}`),
    wrongMethod: (method: string) => error(405, `Request method '${method}' not supported`),
    internalError: () => error(500, "Internal simulator error"),
  };
}

const API_ERRORS = routeErrors((status, message) => apiError(status, 0, message));

const CONTROL: SimpleRouteGroup<SimContext, Reply> = {
  routes: CONTROL_ROUTES,
  guard: refuseForeignControlRequest,
  ...routeErrors(controlError),
};

/** The target of the products' image links: public, outside the pipeline and the request log. */
const PUBLIC_IMAGES: SimpleRouteGroup<SimContext, Reply> = {
  routes: [{ method: "GET", pattern: "/v1/products/{productId}/image", handler: getProductImage }],
  ...API_ERRORS,
};

/**
 * Starts the CWS sandbox simulator (spec §13). Throws CatalogueError for an invalid catalogue,
 * StateFileError for an unreadable state file and SimulatorConfigError for bad options or a busy port.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveOptions(options);
  const catalogue = loadCatalogue(resolved.settings.cataloguePath);
  return startSandboxServer({
    port: resolved.port,
    host: resolved.host,
    configError: SimulatorConfigError,
    stateFile: resolved.stateFile,
    createContext: (changed) => createSimContext(resolved.settings, catalogue, changed),
    persistence: { load: loadStateFile, snapshot: stateSnapshot },
    log: resolved.log,
    requestLog: (sim) => sim.state.recentRequests,
    simpleRoutes: ({ method, url }) => {
      if (isControlPath(url.pathname)) return CONTROL;
      return matchRoute(PUBLIC_IMAGES.routes, method, url.pathname).kind !== "none" ? PUBLIC_IMAGES : null;
    },
    pipeline: runApiPipeline,
    internalError: API_ERRORS.internalError,
    write: writeReply,
    listening: (sim, port) => {
      sim.publicUrl = resolved.publicUrl ?? `http://localhost:${port}`;
    },
  });
}
