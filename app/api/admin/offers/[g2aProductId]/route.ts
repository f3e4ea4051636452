import { offerParamsSchema } from "@/lib/admin/offer-schema";
import { adminJson, adminRoute } from "@/lib/admin/http";
import { getOffer } from "@/lib/admin/offers";
import { getOfferDeps } from "@/lib/offers/deps";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ params }) => {
    const { g2aProductId } = offerParamsSchema.parse(params);
    return adminJson(await getOffer(getOfferDeps(), g2aProductId));
  },
});
