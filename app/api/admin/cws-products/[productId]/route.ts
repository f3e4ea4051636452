import { z } from "zod";
import { adminJson, adminRoute } from "@/lib/admin/http";
import { cwsProductIdSchema } from "@/lib/admin/mapping-schema";
import { lookupCwsProduct } from "@/lib/admin/mappings-cws-lookup";
import { getCwsClient } from "@/lib/cws";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ productId: cwsProductIdSchema });

// The live CWS product behind a mapping: name, platform, stock and price tiers.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ params, db }) => {
    const { productId } = paramsSchema.parse(params);
    return adminJson(await lookupCwsProduct(db, getCwsClient(), productId));
  },
});
