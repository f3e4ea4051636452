import { describe, expect, it } from "vitest";
import { acknowledgeG2aPause } from "@/lib/admin/offers";
import type { Actor } from "@/lib/audit";
import { storeG2aNotifications } from "@/lib/g2a/notifications";
import { AppError } from "@/lib/errors";
import { readLastPass, runOfferPass } from "@/lib/offers/sync-pass";
import { changeCws, g2aCallsSince, mapDemo, offerOf, sandboxOffer, withOfferWorld, type OfferWorld } from "./support";
import { seedOffer } from "../g2a-api/support";

const ADMIN: Actor = { id: "admin-1", email: "admin@example.com", role: "ADMIN" };
const TWTCO = "10000000000011";

/** An offer already on G2A for TWTCO, mapped and synced until G2A lists what the rules want. */
async function steadyOffer(world: OfferWorld): Promise<{ offerId: string; cwsProductId: string }> {
  const seeded = await seedOffer(world.g2a, { productId: TWTCO, price: "9.99", inventorySize: 3, active: true });
  const { cwsProductId } = await mapDemo(world, "TWTCO");
  await runOfferPass(world.deps, "test"); // links and sends the change
  await runOfferPass(world.deps, "test"); // settles G2A's job
  return { offerId: seeded.id, cwsProductId };
}

describe("the offer sync against the two sandboxes", () => {
  let world: OfferWorld;
  withOfferWorld((started) => (world = started));

  it("links our offer from the list, prices it from the floor, and then sends nothing while nothing changes", async () => {
    const { offerId } = await steadyOffer(world);
    const offer = await offerOf(world, TWTCO);
    expect(offer.mapping.g2aOfferId).toBe(offerId);
    expect(offer.decisions.map((decision) => decision.action)).toEqual(["link", "update", "settle", "none"]);
    const { state } = offer;
    // CWS sells one TWTCO at €1.11; the default strategy lists at the floor plus €0.50.
    expect(state.costCents).toBe(111n);
    expect(state.incomeCents! - state.costCents!).toBeGreaterThan(0n);
    expect(state.floorCents).not.toBeNull();
    expect(state.priceCents).toBe(state.floorCents! + 50n);
    expect(state).toMatchObject({ active: true, inventorySize: 1000, pendingJobId: null, lastOutcome: "unchanged" });
    expect(await sandboxOffer(world, TWTCO)).toMatchObject({
      active: true,
      price: (Number(state.priceCents) / 100).toFixed(2),
      inventory: { size: 1000, sold: 0 },
    });

    const before = (await world.g2a.calls()).length;
    const summary = await runOfferPass(world.deps, "test");
    expect(summary.outcomes).toMatchObject({ unchanged: 1, sent: 0 });
    expect(await g2aCallsSince(world, before)).toEqual([]);
  });

  it("declares stock 0 and switches the offer off when CWS runs out, and back on with the stock when it restocks", async () => {
    const { cwsProductId } = await steadyOffer(world);
    await changeCws(world, cwsProductId, { quantity: 0 });
    await runOfferPass(world.deps, "test");
    expect(await sandboxOffer(world, TWTCO)).toMatchObject({ active: false, inventory: { size: 0 } });
    const stopped = await offerOf(world, TWTCO);
    expect(stopped.decisions.at(-1)).toMatchObject({ action: "update", ok: true });
    expect(stopped.decisions.at(-1)!.summary).toMatch(/deactivated.*held inactive: CWS has no stock/);

    await runOfferPass(world.deps, "test");
    await changeCws(world, cwsProductId, { quantity: 37 });
    await runOfferPass(world.deps, "test");
    expect(await sandboxOffer(world, TWTCO)).toMatchObject({ active: true, inventory: { size: 37 } });
  });

  it("raises the price after a CWS price rise, within the hourly price-change budget", async () => {
    world.deps.config.priceChangesPerHour = 2;
    const { cwsProductId } = await steadyOffer(world); // one price change used
    await changeCws(world, cwsProductId, { price: 5 });
    await runOfferPass(world.deps, "test");
    const raised = await offerOf(world, TWTCO);
    expect(raised.state.costCents).toBe(500n);
    expect(raised.state.targetPriceCents).toBe(raised.state.floorCents! + 50n);
    const listed = await sandboxOffer(world, TWTCO);
    expect(listed!.price).toBe((Number(raised.state.targetPriceCents) / 100).toFixed(2));
    await runOfferPass(world.deps, "test");

    // A third change in the hour waits; the price listed would now be below cost, so the offer goes off meanwhile.
    await changeCws(world, cwsProductId, { price: 9 });
    await runOfferPass(world.deps, "test");
    const waiting = await offerOf(world, TWTCO);
    expect(waiting.decisions.at(-1)!.summary).toMatch(/waits for the hourly budget \(2 of 2 used; possible again at/);
    expect(waiting.decisions.at(-1)!.summary).toMatch(/below the floor, so the offer is off until then/);
    expect(await sandboxOffer(world, TWTCO)).toMatchObject({ active: false, price: listed!.price });
    expect((await world.g2a.state()).priceChanges[TWTCO]).toBe(2);
  });

  it("rides out a storm of 429s: nothing more is sent in that pass, and the next pass sends the change", async () => {
    const { cwsProductId } = await steadyOffer(world);
    await world.g2a.control("faults", {
      rules: [{ route: "PATCH /v3/sales/offers/{offerId}", status: 429, count: 5, retryAfterSeconds: 1 }],
    });
    await changeCws(world, cwsProductId, { quantity: 12 });
    const stormy = await runOfferPass(world.deps, "test");
    expect(stormy.halted).toBe("G2A rate-limits us");
    expect(stormy.outcomes.waiting).toBe(1);
    expect(await sandboxOffer(world, TWTCO)).toMatchObject({ inventory: { size: 1000 } });

    await world.g2a.control("faults", undefined, "DELETE");
    await runOfferPass(world.deps, "test");
    expect(await sandboxOffer(world, TWTCO)).toMatchObject({ inventory: { size: 12 } });
  });

  it("loses no update when G2A loses the job or never finishes it", async () => {
    const { cwsProductId } = await steadyOffer(world);
    await world.g2a.control("jobs/next", { outcome: "lost" });
    await changeCws(world, cwsProductId, { quantity: 21 });
    await runOfferPass(world.deps, "test");
    await runOfferPass(world.deps, "test"); // the job is unknown: G2A's side is read again
    const afterLost = await offerOf(world, TWTCO);
    expect(afterLost.decisions.map((decision) => decision.summary)).toContainEqual(
      expect.stringMatching(/was lost; G2A's side is read again/),
    );
    expect(afterLost.state).toMatchObject({ inventorySize: 21, pendingJobId: null });

    world.deps.config.jobLostAfterMs = 0;
    await world.g2a.control("jobs/next", { outcome: "never" });
    await changeCws(world, cwsProductId, { quantity: 22 });
    await runOfferPass(world.deps, "test");
    await runOfferPass(world.deps, "test"); // still pending: given up on, G2A read again, the change sent again
    await runOfferPass(world.deps, "test");
    expect(await sandboxOffer(world, TWTCO)).toMatchObject({ inventory: { size: 22 } });
    expect((await offerOf(world, TWTCO)).state).toMatchObject({ inventorySize: 22, pendingJobId: null });
  });

  it("skips the pass, saying why, while no Import API connection is configured", async () => {
    await mapDemo(world, "TWTCO");
    const unconfigured = {
      ...world.deps,
      client: async () => {
        throw new AppError("SERVICE_UNAVAILABLE", "G2A's seller API is not configured");
      },
    };
    const summary = await runOfferPass(unconfigured, "test");
    expect(summary).toMatchObject({ problem: "G2A's seller API is not configured", outcomes: { failed: 0 } });
    expect(await world.testDb.db.g2aOfferState.count()).toBe(0);
    expect(await readLastPass(world.deps)).toMatchObject({ problem: "G2A's seller API is not configured" });
  });

  it("keeps an offer G2A deactivated off until an admin acknowledges it", async () => {
    const { offerId } = await steadyOffer(world);
    await world.g2a.control(`offers/${offerId}/deactivate`, { message: "Too many complaints" });
    await storeG2aNotifications(world.testDb.db, [
      {
        entry: {
          notification_type: "auction_deactivated",
          data: { offer_id: offerId, message: "Too many complaints" },
        },
        raw: "{}",
      },
    ]);
    const before = (await world.g2a.calls()).length;
    const paused = await runOfferPass(world.deps, "test");
    expect(paused.outcomes.stopped).toBe(1);
    expect((await g2aCallsSince(world, before)).filter((call) => call.startsWith("PATCH"))).toEqual([]);
    expect((await offerOf(world, TWTCO)).state.lastMessage).toMatch(
      /^Paused by G2A on .* \(Too many complaints\): not re-activated until an admin acknowledges$/,
    );
    expect(await sandboxOffer(world, TWTCO)).toMatchObject({ active: false });

    await acknowledgeG2aPause(world.deps, ADMIN, TWTCO, "Complaints answered");
    await runOfferPass(world.deps, "test");
    expect(await sandboxOffer(world, TWTCO)).toMatchObject({ active: true, inventory: { size: 1000 } });
    const audit = await world.testDb.db.auditLog.findMany({ where: { action: "offer.acknowledge_g2a_pause" } });
    expect(audit).toHaveLength(1);
  });
});
