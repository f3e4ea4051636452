import fs from "node:fs";
import path from "node:path";
import { parseProducts, type G2aSandboxProduct } from "./catalogue";
import type { SandboxContext } from "./context";
import { isRecord } from "./json";
import { readSettings } from "./settings";
import type { CompetitorOffer, IssuedToken, SandboxJob, SandboxOffer } from "./state";

// The state file keeps what a demo builds up: products, offers, jobs, tokens, competitors, settings, the
// price changes of the last hour and the auction id counter. Faults, the rate bucket, the next-job
// outcome, the token request count and the request log describe one run and start afresh.

const FORMAT_VERSION = 1;
const SAVE_DELAY_MS = 100;

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

export class StateFileError extends Error {
  override name = "StateFileError";
}

function snapshot(sandbox: SandboxContext): PersistedState {
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
  if (!fs.existsSync(filePath)) return false;
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(filePath, "utf8"));
  } catch (error) {
    throw new StateFileError(`Cannot read state file ${filePath}: ${(error as Error).message}`);
  }
  const refuse = (why: string) => new StateFileError(`State file ${filePath} ${why}; delete it to start afresh.`);
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
  return true;
}

/** Saves at most once per SAVE_DELAY_MS; each save writes a temporary file and renames it over the old one. */
export class StateFileWriter {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly sandbox: () => SandboxContext,
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
    // It holds client secrets and live tokens: for this user's eyes only.
    fs.writeFileSync(temporary, JSON.stringify(snapshot(this.sandbox())), { mode: 0o600 });
    fs.renameSync(temporary, this.filePath);
  }

  /** Writes the final state; later changes are not saved. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }
}
