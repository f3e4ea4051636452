import { describe, expect, it } from "vitest";
import { guardPrice } from "@/lib/fulfillment/price-guard";
import { runOfferPass } from "@/lib/offers/sync-pass";
import { createPaidOrder } from "../fulfillment/support";
import { seedOffer } from "../g2a-api/support";
import { changeCws, mapDemo, offerOf, withOfferWorld, type OfferWorld } from "./support";

const TWTCO = "10000000000011";

async function orderLines(world: OfferWorld, orderId: string) {
  const items = await world.testDb.db.orderItem.findMany({ where: { orderId } });
  return items.map((item) => ({
    g2aProductId: item.g2aProductId,
    cwsProductId: item.cwsProductId,
    quantity: item.quantity,
    unitPriceCents: item.unitPriceCents,
    minMarginCents: item.minMarginCents,
  }));
}

describe("the purchase ceiling when G2A sends no unit_price", () => {
  let world: OfferWorld;
  withOfferWorld((started) => (world = started));

  it("is the income of the price our offer lists, minus the margin", async () => {
    await seedOffer(world.g2a, { productId: TWTCO, price: "9.99", inventorySize: 3, active: true });
    const { cwsProductId } = await mapDemo(world, "TWTCO");
    await runOfferPass(world.deps, "test");
    await runOfferPass(world.deps, "test");
    const { state } = await offerOf(world, TWTCO);
    expect(state.incomeCents).not.toBeNull();

    const orderId = await createPaidOrder(world.fulfillment, [{ product: "TWTCO", quantity: 1, minMarginCents: 10n }]);
    const lines = await orderLines(world, orderId);
    expect(await guardPrice(world.fulfillment, orderId, lines, { forceLiveRead: true })).toMatchObject({ kind: "ok" });

    // CWS now asks more than the listed price brings, less the margin: nothing is bought.
    const tooDear = Number(state.incomeCents! - 10n + 1n) / 100;
    await changeCws(world, cwsProductId, { price: tooDear });
    const refused = await guardPrice(world.fulfillment, orderId, lines, { forceLiveRead: true });
    expect(refused).toMatchObject({ kind: "refuse", alertKind: "price-above-ceiling" });
    expect(refused.kind === "refuse" && refused.reason).toMatch(
      new RegExp(
        `the most we may pay is €${((Number(state.incomeCents) - 10) / 100).toFixed(2)} \\(the income of our listed price minus the margin\\)`,
      ),
    );
  });

  it("is the mapping's maximum unit cost, else MAX_UNIT_COST_EUR, when no offer price is known", async () => {
    const { cwsProductId } = await mapDemo(world, "TWTCO");
    const orderId = await createPaidOrder(world.fulfillment, [{ product: "TWTCO", quantity: 1 }]);
    const lines = await orderLines(world, orderId);
    await changeCws(world, cwsProductId, { price: 500.01 });
    const refused = await guardPrice(world.fulfillment, orderId, lines, { forceLiveRead: true });
    expect(refused.kind === "refuse" && refused.reason).toMatch(
      /the most we may pay is €500\.00 \(MAX_UNIT_COST_EUR\)/,
    );

    await world.testDb.db.productMapping.update({
      where: { g2aProductId: TWTCO },
      data: { maxUnitCostCents: 600_00n },
    });
    expect(await guardPrice(world.fulfillment, orderId, lines, { forceLiveRead: true })).toMatchObject({ kind: "ok" });
    await changeCws(world, cwsProductId, { price: 600.01 });
    const overMapping = await guardPrice(world.fulfillment, orderId, lines, { forceLiveRead: true });
    expect(overMapping.kind === "refuse" && overMapping.reason).toMatch(/€600\.00 \(the mapping's maximum unit cost\)/);
  });

  it("lets no listed price be refused by our own reservation check: the floor covers cost plus margin", async () => {
    await seedOffer(world.g2a, { productId: TWTCO, price: "9.99", inventorySize: 3, active: true });
    await mapDemo(world, "TWTCO", { minMarginCents: 30n });
    await runOfferPass(world.deps, "test");
    const { state } = await offerOf(world, TWTCO);
    // What the floor price brings covers the cost plus the margin: a reservation at that income passes.
    const { floorCents, costCents } = state;
    const atFloor = (await world.testDb.db.g2aPriceSimulation.findUnique({
      where: { g2aProductId_priceCents: { g2aProductId: TWTCO, priceCents: floorCents! } },
    }))!;
    expect(atFloor.incomeCents).toBeGreaterThanOrEqual(costCents! + 30n);
    const below = await world.testDb.db.g2aPriceSimulation.findUnique({
      where: { g2aProductId_priceCents: { g2aProductId: TWTCO, priceCents: floorCents! - 1n } },
    });
    if (below) expect(below.incomeCents).toBeLessThan(costCents! + 30n);
  });
});
