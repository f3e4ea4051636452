import { auditQuerySchema, listAuditLog } from "@/lib/admin/audit-log";
import { adminJson, adminRoute } from "@/lib/admin/http";

export const dynamic = "force-dynamic";

// Every role reads the audit log.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ url, db }) =>
    adminJson(await listAuditLog(db, auditQuerySchema.parse(Object.fromEntries(url.searchParams)))),
});
