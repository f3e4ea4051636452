import type { RouteRequest } from "../sandbox-kit/dispatch";
import type { KeyGenerator } from "./codes";
import type { Reply } from "./http-io";
import type { SeededRandom } from "./random";
import type { SimState } from "./state";

/** Settings fixed at start-up; `POST /__sim/reset` returns to them. */
export interface SimSettings {
  tokenTtlSeconds: number;
  pageSize: number;
  /** client_id → client_secret, the shared sandbox pair included. */
  credentials: ReadonlyMap<string, string>;
  cataloguePath: string;
  startBalanceCents: number;
  startCreditCents: number;
  /** The seed given at start-up; null means a fresh random seed on each reset. */
  seed: number | null;
  rateLimitsEnabled: boolean;
}

export interface SimContext {
  /** Replaced as a whole by a reset. */
  state: SimState;
  readonly random: SeededRandom;
  readonly keys: KeyGenerator;
  readonly settings: SimSettings;
  /** Base of links and image URLs; known once the server listens. */
  publicUrl: string;
  /** Called after anything that may have changed the state, so that a state file can be saved. */
  readonly changed: () => void;
}

export type SimRequest = RouteRequest;

export interface ApiRequest extends SimRequest {
  routeKey: string;
  /** The authenticated client on /v3 routes. */
  clientId: string | null;
}

export type Handler<R extends SimRequest> = (sim: SimContext, request: R) => Reply | Promise<Reply>;
