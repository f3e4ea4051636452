import { z } from "zod";
import type { Prisma } from "@/lib/db";
import { readSettingRow, saveSetting } from "@/lib/settings";
import type { PricingStrategyName } from "./store";

/** How offers are priced when their mapping says nothing; an admin changes them in Settings. */
export type PricingDefaults = {
  strategy: PricingStrategyName;
  /** The target margin over the floor: in cents, or in basis points of the floor (one of them is set). */
  targetMarginCents: bigint | null;
  targetMarginBasisPoints: number | null;
  /** A price change smaller than this is not sent (a price below the floor is always corrected). */
  priceStepCents: bigint;
  /** Following the competition, never list above this; null means no maximum. */
  maxPriceCents: bigint | null;
};

export const BUILT_IN_PRICING: PricingDefaults = {
  strategy: "TARGET_MARGIN",
  targetMarginCents: 50n,
  targetMarginBasisPoints: null,
  priceStepCents: 5n,
  maxPriceCents: null,
};

const SETTING_KEY = "offerPricingDefaults";

const cents = z.string().regex(/^\d+$/).transform(BigInt);
const storedSchema = z.object({
  strategy: z.enum(["FIXED", "TARGET_MARGIN", "FOLLOW_COMPETITION"]),
  targetMarginCents: cents.nullable(),
  targetMarginBasisPoints: z.number().int().nonnegative().nullable(),
  priceStepCents: cents,
  maxPriceCents: cents.nullable(),
});

type SettingsDb = Pick<Prisma.TransactionClient, "setting">;

export type PricingDefaultsRecord = PricingDefaults & { updatedBy: string | null; updatedAt: Date | null };

/** The defaults in force: what an admin saved, else the built-in ones. */
export async function readPricingDefaults(db: SettingsDb): Promise<PricingDefaultsRecord> {
  const row = await readSettingRow(db, SETTING_KEY);
  if (!row) return { ...BUILT_IN_PRICING, updatedBy: null, updatedAt: null };
  const parsed = storedSchema.safeParse(JSON.parse(row.value));
  if (!parsed.success) return { ...BUILT_IN_PRICING, updatedBy: null, updatedAt: null };
  return { ...parsed.data, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

export async function savePricingDefaults(db: SettingsDb, defaults: PricingDefaults, updatedBy: string): Promise<void> {
  const text = (value: bigint | null) => (value === null ? null : value.toString());
  await saveSetting(
    db,
    SETTING_KEY,
    JSON.stringify({
      strategy: defaults.strategy,
      targetMarginCents: text(defaults.targetMarginCents),
      targetMarginBasisPoints: defaults.targetMarginBasisPoints,
      priceStepCents: defaults.priceStepCents.toString(),
      maxPriceCents: text(defaults.maxPriceCents),
    }),
    updatedBy,
  );
}
