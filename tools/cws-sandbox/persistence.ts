import { readStateFile } from "../sandbox-kit/state-file";
import type { SimContext } from "./context";
import type { RandomSnapshot } from "./random";
import { indexOrderCodes, type Account, type IssuedToken, type SimOrder, type SimProduct } from "./state";

// --state-file keeps a demo's orders, codes, stock, balance, identifier counter and tokens across restarts.
// Faults, rate windows, counters and the request log describe one run and are not kept.

const FORMAT_VERSION = 1;

interface PersistedState {
  version: number;
  savedAt: string;
  products: SimProduct[];
  account: Account;
  tokens: IssuedToken[];
  orders: SimOrder[];
  nextIdentifier: number;
  random: RandomSnapshot;
}

export function stateSnapshot(sim: SimContext): PersistedState {
  const { state } = sim;
  return {
    version: FORMAT_VERSION,
    savedAt: new Date().toISOString(),
    products: [...state.products.values()],
    account: state.account,
    tokens: [...state.tokensByClient.values()],
    orders: state.orders,
    nextIdentifier: state.nextIdentifier,
    random: sim.random.snapshot(),
  };
}

function isPersistedState(value: unknown): value is PersistedState {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<PersistedState>;
  return (
    candidate.version === FORMAT_VERSION &&
    Array.isArray(candidate.products) &&
    Array.isArray(candidate.tokens) &&
    Array.isArray(candidate.orders) &&
    typeof candidate.account?.balanceCents === "number" &&
    typeof candidate.account.creditCents === "number" &&
    typeof candidate.nextIdentifier === "number" &&
    Array.isArray(candidate.random) &&
    candidate.random.length === 4
  );
}

/** Replaces the state with the file's content when the file exists; returns whether it did. */
export function loadStateFile(sim: SimContext, filePath: string): boolean {
  return readStateFile(filePath, (document, refuse) => {
    if (!isPersistedState(document)) throw refuse(`is not a version ${FORMAT_VERSION} simulator state`);
    const { state } = sim;
    state.products = new Map(document.products.map((product) => [product.productId, product]));
    state.account = document.account;
    state.tokensByClient = new Map(document.tokens.map((token) => [token.clientId, token]));
    state.orders = document.orders;
    state.codeIndex = new Map();
    for (const order of state.orders) {
      indexOrderCodes(state, order);
      for (const line of order.lines) for (const code of line.codes) if (code.key !== null) sim.keys.remember(code.key);
    }
    state.nextIdentifier = document.nextIdentifier;
    sim.random.restore(document.random);
  });
}
