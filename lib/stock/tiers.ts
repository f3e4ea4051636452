import { z } from "zod";
import type { PriceTier } from "@/lib/cws";

const storedTiersSchema = z.array(
  z.object({ valueCents: z.string().regex(/^\d+$/), from: z.number().int(), to: z.number().int().nullable() }),
);

/** Price tiers as stored in a snapshot: JSON, cents as strings (BigInt has no JSON form). */
export function serializeTiers(tiers: readonly PriceTier[]): string {
  return JSON.stringify(
    tiers.map((tier) => ({ valueCents: tier.valueCents.toString(), from: tier.from, to: tier.to })),
  );
}

export function parseTiers(json: string): PriceTier[] {
  return storedTiersSchema
    .parse(JSON.parse(json))
    .map((tier) => ({ valueCents: BigInt(tier.valueCents), from: tier.from, to: tier.to }));
}
