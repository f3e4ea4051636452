import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/logger";
import { requestOfferSyncForCws } from "@/lib/offers/requests";
import { StockSnapshots } from "@/lib/stock/snapshots";
import { createSandboxClient } from "../support/cws-sandbox";
import { mapDemo, withOfferWorld, type OfferWorld } from "./support";

const log = createLogger({ level: "silent" });

describe("asking the offer sync to follow a change", () => {
  let world: OfferWorld;
  withOfferWorld((started) => (world = started));

  it("tells of a CWS product whose stock crosses zero or whose one-unit price changes, and of nothing else", async () => {
    const { cwsProductId } = await mapDemo(world, "TWTCO");
    const told: string[][] = [];
    const stock = new StockSnapshots(
      world.testDb.db,
      createSandboxClient(world.cws, world.testDb),
      log,
      () => new Date(),
      (ids) => told.push(ids),
    );
    const refresh = () => stock.refresh([cwsProductId], { timeoutMs: 3000 });
    const set = (patch: Record<string, unknown>) =>
      world.cws.control("products", { productId: cwsProductId, ...patch });

    await refresh(); // as mapDemo left it
    await set({ quantity: 999 });
    await refresh(); // fewer units, still in stock, same price
    await set({ quantity: 0 });
    await refresh(); // out of stock
    await set({ quantity: 5 });
    await refresh(); // back in stock
    await set({ prices: [{ value: 1.5, from: 1, to: null }] });
    await refresh(); // a new price for one unit
    await set({ sim: { hidden: true } });
    await refresh(); // CWS no longer sells it
    expect(told).toEqual([[cwsProductId], [cwsProductId], [cwsProductId], [cwsProductId]]);
  });

  it("sends one debounced sync event per mapped G2A product, through the engine's own database", async () => {
    const { cwsProductId, g2aProductId } = await mapDemo(world, "TWTCO");
    await requestOfferSyncForCws(world.testDb.db, log, [cwsProductId, "not-mapped"], "CWS stock or price changed");
    const events = await world.testDb.db.workflowEvent.findMany();
    expect(events.map((event) => [event.name, JSON.parse(event.payload).data])).toEqual([
      ["g2a/offer.sync-requested", { g2aProductId, reason: "CWS stock or price changed" }],
    ]);
  });
});
