import type { RouteRequest } from "../sandbox-kit/dispatch";
import type { G2aSandboxProduct } from "./catalogue";
import type { Reply } from "./http-io";
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

export type SandboxRequest = RouteRequest;

export interface ApiRequest extends SandboxRequest {
  routeKey: string;
}

export type Handler<R extends SandboxRequest> = (sandbox: SandboxContext, request: R) => Reply | Promise<Reply>;
