import { recordAudit, type Actor } from "@/lib/audit";
import type { Db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { requestOfferPass } from "@/lib/offers/requests";
import { getSellingState, setSellingPaused, type SellingState } from "@/lib/settings";
import type { SellingInput } from "./settings-schema";

/** The selling switch as the dashboard shows it: paused or not, why, by whom and when. */
export type Selling = Omit<SellingState, "updatedAt"> & { updatedAt: string | null };

function toSelling(state: SellingState): Selling {
  return { ...state, updatedAt: state.updatedAt?.toISOString() ?? null };
}

export async function getSelling(db: Db): Promise<Selling> {
  return toSelling(await getSellingState(db));
}

/**
 * Pauses or resumes selling (G2A's reservations get 409 SELLING_PAUSED while paused). Asking for
 * the state it is already in changes nothing and writes no audit line.
 */
export async function setSelling(db: Db, actor: Actor, input: SellingInput): Promise<Selling> {
  let changed = false;
  const selling = await db.$transaction(async (tx) => {
    const current = await getSellingState(tx);
    if (current.paused === input.paused) return toSelling(current);
    changed = true;
    await setSellingPaused(tx, input.paused, actor.email, input.reason);
    await recordAudit(tx, actor, {
      action: input.paused ? "selling.pause" : "selling.resume",
      targetType: "setting",
      targetId: "sellingPaused",
      reason: input.reason,
    });
    return toSelling(await getSellingState(tx));
  });
  // Every offer follows: size 0 and inactive while paused, back once resumed.
  if (changed) await requestOfferPass(db, logger, input.paused ? "selling paused" : "selling resumed");
  return selling;
}
