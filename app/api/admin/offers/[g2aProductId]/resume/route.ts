import { offerParamsSchema } from "@/lib/admin/offer-schema";
import { adminJson, adminRoute } from "@/lib/admin/http";
import { setOfferPaused } from "@/lib/admin/offers";
import { getOfferDeps } from "@/lib/offers/deps";

export const dynamic = "force-dynamic";

// On-call staff (OPERATOR) may take an offer off sale and put it back.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute(
  {
    POST: async ({ params, actor, annotate }) => {
      const { g2aProductId } = offerParamsSchema.parse(params);
      annotate({ g2aProductId });
      return adminJson(await setOfferPaused(getOfferDeps(), actor, g2aProductId, false));
    },
  },
  { roles: { POST: "OPERATOR" } },
);
