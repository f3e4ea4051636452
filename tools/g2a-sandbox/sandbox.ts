import type { G2aSandboxProduct } from "./catalogue";
import { seedCompetitors } from "./competitors";
import type { SandboxContext } from "./context";
import { defaultSettings, type StartSettings } from "./settings";
import { FIRST_AUCTION_ID, type SandboxState } from "./state";

/** The state of a fresh start or a reset: the catalogue with its seeded competitors, and nothing else. */
export function startingState(catalogue: readonly G2aSandboxProduct[], start: StartSettings): SandboxState {
  return {
    settings: defaultSettings(start),
    products: new Map(catalogue.map((product) => [product.id, { ...product, priceLimit: { ...product.priceLimit } }])),
    offers: [],
    jobs: [],
    tokens: new Map(),
    competitors: new Map(catalogue.map((product) => [product.id, seedCompetitors(product)])),
    priceChanges: new Map(),
    nextAuctionId: FIRST_AUCTION_ID,
    nextJob: null,
    faults: [],
    bucket: null,
    tokenRequests: 0,
    requests: [],
  };
}

export function createSandboxContext(
  catalogue: readonly G2aSandboxProduct[],
  start: StartSettings,
  changed: () => void,
): SandboxContext {
  return { state: startingState(catalogue, start), catalogue, start, changed };
}

/** POST /__sim/reset: back to the catalogue and the start-up settings; offers, jobs, tokens and faults go. */
export function resetSandbox(sandbox: SandboxContext): void {
  sandbox.state = startingState(sandbox.catalogue, sandbox.start);
}
