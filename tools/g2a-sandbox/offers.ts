import { randomUUID } from "node:crypto";
import type { CreateVariant } from "./variant";
import { takeAuctionId, type OfferPatch, type SandboxOffer, type SandboxState } from "./state";

/** A new offer, not yet in the state: a create adds it when its job completes. */
export function buildOffer(state: SandboxState, variant: CreateVariant, now: number): SandboxOffer {
  return {
    id: randomUUID(),
    auctionId: takeAuctionId(state),
    type: variant.offerType,
    productId: variant.productId,
    retailCents: variant.retailCents,
    businessCents: variant.businessCents,
    visibility: variant.visibility,
    inventorySize: variant.inventorySize,
    sold: 0,
    active: variant.active,
    archived: false,
    hidden: false,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Sets the fields the patch carries and nothing else. In particular a positive inventory size does not
 * re-activate an inactive offer (spec §3.8: unknown on G2A, so clients must send active:true). An
 * archived offer is not for sale, whatever `active` says.
 */
export function applyPatch(offer: SandboxOffer, patch: OfferPatch, now: number): void {
  if (patch.retailCents !== undefined) offer.retailCents = patch.retailCents;
  if (patch.businessCents !== undefined) offer.businessCents = patch.businessCents;
  if (patch.inventorySize !== undefined) offer.inventorySize = patch.inventorySize;
  if (patch.visibility !== undefined) offer.visibility = patch.visibility;
  if (patch.active !== undefined) offer.active = patch.active;
  if (patch.archive !== undefined) offer.archived = patch.archive;
  if (offer.archived) offer.active = false;
  offer.updatedAt = now;
}

/** Whether a create for this product is waiting for its job: a second create meanwhile is a conflict too. */
export function hasPendingCreate(state: SandboxState, productId: string): boolean {
  return state.jobs.some(
    (job) => job.completedAt === null && job.work.kind === "create" && job.work.offer.productId === productId,
  );
}
