import { adminJson, adminRoute } from "@/lib/admin/http";
import { getPricingDefaults, setPricingDefaults } from "@/lib/admin/offers";
import { pricingDefaultsSchema } from "@/lib/admin/settings-schema";
import { getOfferDeps } from "@/lib/offers/deps";

export const dynamic = "force-dynamic";

// Everyone sees how offers are priced by default; only an admin changes it.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async () => adminJson(await getPricingDefaults(getOfferDeps())),
  PUT: async ({ json, actor }) =>
    adminJson(await setPricingDefaults(getOfferDeps(), actor, await json(pricingDefaultsSchema))),
});
