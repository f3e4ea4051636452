import { offerParamsSchema } from "@/lib/admin/offer-schema";
import { adminJson, adminRoute } from "@/lib/admin/http";
import { createOffer } from "@/lib/admin/offers";
import { getOfferDeps } from "@/lib/offers/deps";

export const dynamic = "force-dynamic";

// Puts a product on sale on G2A: ADMIN only (the default for POST).
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  POST: async ({ params, actor, annotate }) => {
    const { g2aProductId } = offerParamsSchema.parse(params);
    annotate({ g2aProductId });
    return adminJson(await createOffer(getOfferDeps(), actor, g2aProductId));
  },
});
