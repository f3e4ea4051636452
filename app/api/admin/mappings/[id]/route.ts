import { adminJson, adminRoute } from "@/lib/admin/http";
import { mappingUpdateSchema } from "@/lib/admin/mapping-schema";
import { deleteMapping, getMapping, updateMapping } from "@/lib/admin/mappings";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ params, db }) => adminJson(await getMapping(db, params.id ?? "")),
  PATCH: async ({ params, json, db, actor, annotate }) => {
    annotate({ mappingId: params.id });
    return adminJson(await updateMapping(db, actor, params.id ?? "", await json(mappingUpdateSchema)));
  },
  DELETE: async ({ params, db, actor, annotate }) => {
    annotate({ mappingId: params.id });
    await deleteMapping(db, actor, params.id ?? "");
    return new Response(null, { status: 204 });
  },
});
