import { acknowledgeSchema, offerParamsSchema } from "@/lib/admin/offer-schema";
import { adminJson, adminRoute } from "@/lib/admin/http";
import { acknowledgeG2aPause } from "@/lib/admin/offers";
import { getOfferDeps } from "@/lib/offers/deps";

export const dynamic = "force-dynamic";

// Lets the sync activate an offer G2A switched off: ADMIN only (the default for POST).
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  POST: async ({ params, json, actor, annotate }) => {
    const { g2aProductId } = offerParamsSchema.parse(params);
    const { note } = await json(acknowledgeSchema);
    annotate({ g2aProductId });
    return adminJson(await acknowledgeG2aPause(getOfferDeps(), actor, g2aProductId, note));
  },
});
