import { refuseForeignControlRequest } from "../sandbox-kit/control-guard";
import { isControlPath, type SimpleRouteGroup } from "../sandbox-kit/dispatch";
import { controlError } from "../sandbox-kit/http-io";
import { startSandboxServer } from "../sandbox-kit/sandbox-server";
import type { SandboxContext } from "./context";
import { apiError, writeReply, type Reply } from "./http-io";
import { settleJobs } from "./jobs";
import { G2aSandboxConfigError, resolveOptions, type G2aSandboxOptions, type RunningG2aSandbox } from "./options";
import { loadStateFile, stateSnapshot } from "./persistence";
import { runApiPipeline } from "./pipeline";
import { CONTROL_ROUTES } from "./routes/control";
import { createSandboxContext } from "./sandbox";

export { StateFileError } from "../sandbox-kit/state-file";
export { DEFAULT_G2A_SANDBOX_CLIENT } from "./auth";
export { CatalogueError, type G2aSandboxProduct } from "./catalogue";
export { G2aSandboxConfigError, type G2aSandboxOptions, type RunningG2aSandbox } from "./options";
export type { G2aSandboxClient } from "./settings";

const CONTROL: SimpleRouteGroup<SandboxContext, Reply> = {
  routes: CONTROL_ROUTES,
  guard: refuseForeignControlRequest,
  notFound: (method, pathname) => controlError(404, `No control route ${method} ${pathname}`),
  wrongMethod: (method) => controlError(405, `Method ${method} is not allowed here`),
  internalError: () => controlError(500, "Internal sandbox error"),
};

/**
 * Starts the local G2A Import API sandbox. Throws CatalogueError for an invalid catalogue, StateFileError
 * for an unreadable state file and G2aSandboxConfigError for bad options or a busy port.
 */
export async function startG2aSandbox(options: G2aSandboxOptions = {}): Promise<RunningG2aSandbox> {
  const resolved = resolveOptions(options);
  return startSandboxServer({
    port: resolved.port,
    host: resolved.host,
    configError: G2aSandboxConfigError,
    stateFile: resolved.stateFile,
    createContext: (changed) => createSandboxContext(resolved.catalogue, resolved.start, changed),
    persistence: { load: loadStateFile, snapshot: stateSnapshot },
    log: resolved.log ? (line) => console.log(line) : null,
    requestLog: (sandbox) => sandbox.state.requests,
    // Jobs complete with the passing of time; every request sees them as they are now.
    onRequest: (sandbox, { startedAt }) => {
      if (settleJobs(sandbox.state, startedAt)) sandbox.changed();
    },
    simpleRoutes: ({ url }) => (isControlPath(url.pathname) ? CONTROL : null),
    pipeline: runApiPipeline,
    internalError: () => apiError(500, "INTERNAL_SERVER_ERROR", "Internal sandbox error"),
    write: writeReply,
  });
}
