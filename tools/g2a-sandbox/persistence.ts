import { isRecord } from "../sandbox-kit/json";
import { readStateFile } from "../sandbox-kit/state-file";
import { parseProducts, type G2aSandboxProduct } from "./catalogue";
import type { SandboxContext } from "./context";
import { readSettings } from "./settings";
import type { CompetitorOffer, IssuedToken, SandboxJob, SandboxOffer } from "./state";

// The state file keeps what a demo builds up: products, offers, jobs, tokens, competitors, settings, the
// price changes of the last hour and the auction id counter. Faults, the rate bucket, the next-job
// outcome, the token request count and the request log describe one run and start afresh.

const FORMAT_VERSION = 1;

interface PersistedState {
  version: number;
  savedAt: string;
  settings: unknown;
  products: unknown;
  offers: SandboxOffer[];
  jobs: SandboxJob[];
  tokens: IssuedToken[];
  competitors: Record<string, CompetitorOffer[]>;
  priceChanges: Record<string, number[]>;
  nextAuctionId: number;
}

export function stateSnapshot(sandbox: SandboxContext): PersistedState {
  const { state } = sandbox;
  return {
    version: FORMAT_VERSION,
    savedAt: new Date().toISOString(),
    settings: state.settings,
    products: [...state.products.values()],
    offers: state.offers,
    jobs: state.jobs,
    tokens: [...state.tokens.values()],
    competitors: Object.fromEntries(state.competitors),
    priceChanges: Object.fromEntries(state.priceChanges),
    nextAuctionId: state.nextAuctionId,
  };
}

/** Checks the outline; offers, jobs and tokens are trusted as the sandbox itself wrote them. */
function isPersistedState(value: unknown): value is PersistedState {
  if (!isRecord(value)) return false;
  return (
    value.version === FORMAT_VERSION &&
    Array.isArray(value.offers) &&
    Array.isArray(value.jobs) &&
    Array.isArray(value.tokens) &&
    isRecord(value.competitors) &&
    isRecord(value.priceChanges) &&
    typeof value.nextAuctionId === "number"
  );
}

/** Replaces the state with the file's content when the file exists; returns whether it did. */
export function loadStateFile(sandbox: SandboxContext, filePath: string): boolean {
  return readStateFile(filePath, (document, refuse) => {
    if (!isPersistedState(document)) throw refuse(`is not a version ${FORMAT_VERSION} G2A sandbox state`);
    const settings = readSettings(document.settings, "settings");
    if (!settings.ok) throw refuse(`holds invalid settings (${settings.problem})`);
    let products: G2aSandboxProduct[];
    try {
      products = parseProducts(document.products, "products");
    } catch (error) {
      throw refuse(`holds invalid products (${(error as Error).message})`);
    }
    const { state } = sandbox;
    state.settings = settings.settings;
    state.products = new Map(products.map((product) => [product.id, product]));
    state.offers = document.offers;
    state.jobs = document.jobs;
    state.tokens = new Map(document.tokens.map((token) => [token.accessToken, token]));
    state.competitors = new Map(Object.entries(document.competitors));
    state.priceChanges = new Map(Object.entries(document.priceChanges));
    state.nextAuctionId = document.nextAuctionId;
  });
}
