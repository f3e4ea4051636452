import { adminJson, adminRoute } from "@/lib/admin/http";
import { listOffers, offerListQuerySchema } from "@/lib/admin/offers";
import { getOfferDeps } from "@/lib/offers/deps";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ url }) =>
    adminJson(await listOffers(getOfferDeps(), offerListQuerySchema.parse(Object.fromEntries(url.searchParams)))),
});
