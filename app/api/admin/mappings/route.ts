import { adminJson, adminRoute } from "@/lib/admin/http";
import { mappingInputSchema } from "@/lib/admin/mapping-schema";
import { createMapping, listMappings, mappingListQuerySchema } from "@/lib/admin/mappings";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ url, db }) =>
    adminJson(await listMappings(db, mappingListQuerySchema.parse(Object.fromEntries(url.searchParams)))),
  POST: async ({ json, db, actor, annotate }) => {
    const mapping = await createMapping(db, actor, await json(mappingInputSchema));
    annotate({ mappingId: mapping.id });
    return adminJson(mapping, 201);
  },
});
