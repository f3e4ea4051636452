import { loadCatalogue, type CompleteProductInput } from "./catalogue";
import { KeyGenerator } from "./codes";
import type { SimContext, SimSettings } from "./context";
import { defaultFaults } from "./faults";
import { randomSeed, SeededRandom } from "./random";
import { createState, type SimState } from "./state";

export interface ResetOverrides {
  balanceCents?: number;
  creditCents?: number;
  cataloguePath?: string;
}

function startingState(settings: SimSettings, catalogue: CompleteProductInput[], overrides: ResetOverrides): SimState {
  const account = {
    balanceCents: overrides.balanceCents ?? settings.startBalanceCents,
    creditCents: overrides.creditCents ?? settings.startCreditCents,
  };
  return createState(catalogue, account, defaultFaults(settings.rateLimitsEnabled), Date.now());
}

export function createSimContext(
  settings: SimSettings,
  catalogue: CompleteProductInput[],
  changed: () => void,
): SimContext {
  const random = new SeededRandom(settings.seed ?? randomSeed());
  return {
    state: startingState(settings, catalogue, {}),
    random,
    keys: new KeyGenerator(random),
    settings,
    publicUrl: "",
    changed,
  };
}

/** Restores the starting state (spec §13.14 reset). Throws CatalogueError before changing anything. */
export function resetSimulator(sim: SimContext, overrides: ResetOverrides): void {
  const catalogue = loadCatalogue(overrides.cataloguePath ?? sim.settings.cataloguePath);
  sim.state = startingState(sim.settings, catalogue, overrides);
  sim.random.reseed(sim.settings.seed ?? randomSeed());
}
