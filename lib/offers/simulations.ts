import type { G2aPriceSimulation } from "@/lib/g2a-api";
import type { PricePoint, SimulateIncome } from "@/lib/pricing";
import { inTransaction, reading } from "@/lib/stores";
import type { OfferDeps } from "./deps";

/** The income of one unit in a simulation: the "ALL" entry, else the first country's (spec §5). */
export function incomeOf(simulation: G2aPriceSimulation): { incomeCents: bigint; businessIncomeCents: bigint | null } {
  const pick = (map: Record<string, bigint>) => map.ALL ?? Object.values(map)[0] ?? null;
  const income = pick(simulation.income);
  const business = pick(simulation.businessIncome);
  return { incomeCents: income ?? business!, businessIncomeCents: business };
}

/**
 * G2A's income for one unit of the product at a price: from the cache while younger than the
 * configured age, else from G2A's pricing simulation (then cached). Each price is asked once per use.
 */
export function simulateIncome(deps: OfferDeps, g2aProductId: string): SimulateIncome & { calls: () => number } {
  const known = new Map<bigint, bigint>();
  let calls = 0;
  const notBefore = () => new Date(deps.now().getTime() - deps.config.simulationMaxAgeMs);
  const simulate = async (priceCents: bigint): Promise<bigint> => {
    const seen = known.get(priceCents);
    if (seen !== undefined) return seen;
    let income = await reading(deps.db, (stores) => stores.simulations.income(g2aProductId, priceCents, notBefore()));
    if (income === null) {
      const client = await deps.client();
      calls++;
      const simulation = incomeOf(
        await client.simulatePrice(g2aProductId, priceCents, {
          timeoutMs: deps.config.callTimeoutMs,
          maxRetries: deps.config.callMaxRetries,
        }),
      );
      income = simulation.incomeCents;
      await inTransaction(deps.db, (tx) =>
        tx.simulations.save(g2aProductId, { priceCents, ...simulation }, deps.now()),
      );
    }
    known.set(priceCents, income);
    return income;
  };
  return Object.assign(simulate, { calls: () => calls });
}

/** The product's latest cached simulation: where the floor search starts. */
export function simulationHint(deps: OfferDeps, g2aProductId: string): Promise<PricePoint | null> {
  const notBefore = new Date(deps.now().getTime() - deps.config.simulationMaxAgeMs);
  return reading(deps.db, (stores) => stores.simulations.latest(g2aProductId, notBefore));
}
