import type { IncomingHttpHeaders } from "node:http";
import type { G2aSandboxProduct } from "./catalogue";
import type { BodyRead, Reply } from "./http-io";
import type { StartSettings } from "./settings";
import type { SandboxState } from "./state";

export interface SandboxContext {
  /** Replaced as a whole by a reset. */
  state: SandboxState;
  /** What a reset returns to. */
  readonly catalogue: readonly G2aSandboxProduct[];
  readonly start: StartSettings;
  /** Called after anything that may have changed the state, so that a state file can be saved. */
  readonly changed: () => void;
}

export interface SandboxRequest {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  readBody: () => Promise<BodyRead>;
}

export interface ApiRequest extends SandboxRequest {
  routeKey: string;
}

export type Handler<R extends SandboxRequest> = (sandbox: SandboxContext, request: R) => Reply | Promise<Reply>;
