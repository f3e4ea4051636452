import { offerParamsSchema } from "@/lib/admin/offer-schema";
import { adminJson, adminRoute } from "@/lib/admin/http";
import { syncOfferNow } from "@/lib/admin/offers";
import { getOfferDeps } from "@/lib/offers/deps";

export const dynamic = "force-dynamic";

// On-call staff (OPERATOR) may bring an offer in line with CWS at once.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute(
  {
    POST: async ({ params, actor, annotate }) => {
      const { g2aProductId } = offerParamsSchema.parse(params);
      annotate({ g2aProductId });
      return adminJson(await syncOfferNow(getOfferDeps(), actor, g2aProductId));
    },
  },
  { roles: { POST: "OPERATOR" } },
);
