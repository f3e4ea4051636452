import { adminRoute } from "@/lib/admin/http";
import { exportMappingsCsv } from "@/lib/admin/mappings-import";

export const dynamic = "force-dynamic";

// A download, not JSON: adminRoute still adds Cache-Control: no-store, no-transform to it.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ db }) => {
    const filename = `product-mappings-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(await exportMappingsCsv(db), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
      },
    });
  },
});
