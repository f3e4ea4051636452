import { adminJson, adminRoute } from "@/lib/admin/http";
import { importRequestSchema } from "@/lib/admin/mapping-schema";
import { importMappings } from "@/lib/admin/mappings-import";

export const dynamic = "force-dynamic";

// Body: {csv: "<the file's text>", dryRun?: boolean}. A dry run answers 200 with what the import
// would do or every rejected line; a real import answers {created, updated, unchanged}, or 400 with
// the rejected lines in `rows` and nothing written.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  POST: async ({ json, db, actor, annotate }) => {
    const { csv, dryRun } = await json(importRequestSchema);
    const result = await importMappings(db, actor, csv, { dryRun });
    annotate({ dryRun, valid: result.valid });
    if (dryRun) return adminJson(result);
    if (!result.valid) {
      const lines = result.rows.length === 1 ? "1 line of the file is" : `${result.rows.length} lines of the file are`;
      return adminJson(
        { code: "VALIDATION_FAILED", message: `${lines} not valid; nothing was imported`, rows: result.rows },
        400,
      );
    }
    const { valid: _valid, ...counts } = result;
    return adminJson(counts);
  },
});
