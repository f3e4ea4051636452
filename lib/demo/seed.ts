import type { Db } from "@/lib/db";
import { g2aPriceSchema } from "@/lib/g2a/money";
import { readSetting, saveSetting } from "@/lib/settings";
import { DEMO_MAPPINGS } from "./catalogue";
import { insertMapping } from "@/lib/mappings/store";

/** Marks a database whose demo mappings were seeded, so mappings staff deleted are not brought back. */
const SEEDED_SETTING = "demoMappingsSeeded";

/**
 * Maps the local CWS sandbox's catalogue to the demo G2A product ids (ARCHITECTURE §7: enabled,
 * minimum margin 0.00, pre-orders only for TPP), once per database. A G2A product id that is
 * already mapped is left as it is. Returns how many mappings it created.
 */
export async function seedDemoMappings(db: Db): Promise<number> {
  return db.$transaction(async (tx) => {
    if ((await readSetting(tx, SEEDED_SETTING)) !== null) return 0;
    let created = 0;
    for (const mapping of DEMO_MAPPINGS) {
      if (await tx.productMapping.findUnique({ where: { g2aProductId: mapping.g2aProductId }, select: { id: true } }))
        continue;
      await insertMapping(tx, {
        g2aProductId: mapping.g2aProductId,
        cwsProductId: mapping.cwsProductId,
        enabled: true,
        minMarginCents: 0n,
        maxUnitCostCents: mapping.maxUnitCost === null ? null : g2aPriceSchema.parse(mapping.maxUnitCost),
        allowPreOrder: mapping.allowPreOrder,
        note: `demo: ${mapping.identifier}, ${mapping.shows}`,
      });
      created++;
    }
    await saveSetting(tx, SEEDED_SETTING, new Date().toISOString(), "npm start");
    return created;
  });
}
