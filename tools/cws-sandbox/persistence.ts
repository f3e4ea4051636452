import fs from "node:fs";
import path from "node:path";
import type { SimContext } from "./context";
import type { RandomSnapshot } from "./random";
import { indexOrderCodes, type Account, type IssuedToken, type SimOrder, type SimProduct } from "./state";

// --state-file keeps a demo's orders, codes, stock, balance, identifier counter and tokens across restarts.
// Faults, rate windows, counters and the request log describe one run and are not kept.

const FORMAT_VERSION = 1;
const SAVE_DELAY_MS = 100;

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

export class StateFileError extends Error {
  override name = "StateFileError";
}

function snapshot(sim: SimContext): PersistedState {
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
  if (!fs.existsSync(filePath)) return false;
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(filePath, "utf8"));
  } catch (error) {
    throw new StateFileError(`Cannot read state file ${filePath}: ${(error as Error).message}`);
  }
  if (!isPersistedState(document)) {
    throw new StateFileError(
      `State file ${filePath} is not a version ${FORMAT_VERSION} simulator state; delete it to start afresh.`,
    );
  }
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
  return true;
}

/** Saves at most once per SAVE_DELAY_MS; each save writes a temporary file and renames it over the old one. */
export class StateFileWriter {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly sim: () => SimContext,
    private readonly filePath: string,
  ) {}

  schedule(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    fs.mkdirSync(path.dirname(this.filePath), { recursive: true, mode: 0o700 });
    const temporary = `${this.filePath}.${process.pid}.tmp`;
    // It holds the codes it handed out, in the clear: for this user's eyes only.
    fs.writeFileSync(temporary, JSON.stringify(snapshot(this.sim())), { mode: 0o600 });
    fs.renameSync(temporary, this.filePath);
  }

  /** Writes the final state; later changes are not saved. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }
}
