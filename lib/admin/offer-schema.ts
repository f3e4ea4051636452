import { z } from "zod";
import { canonicalG2aId } from "@/lib/g2a/ids";
import { optionalNoteSchema } from "./note-schema";
import type { OfferDecisionRow, OfferProblem, OfferRow } from "@/lib/admin/offers";
import type { Page } from "@/lib/admin/paging";
import type { CreatedOffer } from "@/lib/offers/create";
import type { PassSummary } from "@/lib/offers/sync-pass";

// The contract of the Offers page between the dashboard and the admin API: the inputs both check
// with, and the shapes the API answers with. Free of server code (the imports above are types only).

/** The `[g2aProductId]` of an offer route: a G2A product id, digits only, read in its canonical form. */
export const offerParamsSchema = z.object({
  g2aProductId: z.string().transform((value, ctx) => {
    const canonical = canonicalG2aId(value.trim());
    if (canonical === null) {
      ctx.addIssue({ code: "custom", message: "must be a G2A product id: digits only, such as 10000068865001" });
      return z.NEVER;
    }
    return canonical;
  }),
});

/** "Acknowledge G2A's deactivation": an optional note for the audit log; empty means none. */
export const acknowledgeSchema = optionalNoteSchema;
export type AcknowledgeInput = z.input<typeof acknowledgeSchema>;

// ---- answers of the admin API

export type { CreatedOffer, OfferDecisionRow, OfferProblem, OfferRow, PassSummary };
export type OfferStatus = OfferRow["status"];

/** GET /api/admin/offers. */
export type OfferPage = Page<OfferRow> & { lastPass: PassSummary | null; counts: Record<OfferProblem, number> };

/** GET /api/admin/offers/{g2aProductId}: the offer and its decision history, newest first. */
export type OfferDetail = { offer: OfferRow; decisions: OfferDecisionRow[] };

/** POST …/sync. */
export type OfferSyncResult = { outcome: string; message: string | null };
