import type { z } from "zod";
import { pageQuerySchema, pageWindow, type Page } from "@/lib/admin/paging";
import type { Db, Prisma } from "@/lib/db";
import { actionMatch, auditFilterFields, withDateOrder } from "./audit-log-schema";

/** Query of the audit log: the filter form's fields plus server-side pages. */
export const auditQuerySchema = withDateOrder(auditFilterFields.extend(pageQuerySchema.shape));
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One line of the audit log: who, what, when, from where and why. */
export type AuditEntry = {
  id: number;
  at: string;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
};

const ENTRY_FIELDS = {
  id: true,
  at: true,
  actorEmail: true,
  action: true,
  targetType: true,
  targetId: true,
  reason: true,
  ip: true,
  userAgent: true,
  details: true,
} satisfies Prisma.AuditLogSelect;

function parseDetails(details: string | null): unknown {
  if (details === null) return null;
  try {
    return JSON.parse(details) as unknown;
  } catch {
    return details;
  }
}

/**
 * The distinct actions or actor e-mails in the log that pass `test`. Matched here, not with SQL's
 * LIKE: it reads "%" and "_" in a filter as wildcards, and the database driver offers no escape.
 */
async function valuesWhere(
  db: Db,
  column: "action" | "actorEmail",
  test: (value: string) => boolean,
): Promise<string[]> {
  const rows = await db.auditLog.groupBy({ by: [column] });
  return rows.map((row) => row[column]).filter((value): value is string => value !== null && test(value));
}

async function whereOf(db: Db, query: AuditQuery): Promise<Prisma.AuditLogWhereInput> {
  const { action, actor } = query;
  const match = action ? actionMatch(action) : null;
  return {
    ...(match && "equals" in match ? { action: match } : {}),
    ...(match && "startsWith" in match
      ? { action: { in: await valuesWhere(db, "action", (value) => value.startsWith(match.startsWith)) } }
      : {}),
    ...(actor
      ? {
          actorEmail: {
            in: await valuesWhere(db, "actorEmail", (value) => value.toLowerCase().includes(actor.toLowerCase())),
          },
        }
      : {}),
    ...(query.target ? { targetId: query.target } : {}),
    ...(query.from || query.to
      ? {
          at: {
            ...(query.from ? { gte: new Date(`${query.from}T00:00:00.000Z`) } : {}),
            ...(query.to ? { lte: new Date(`${query.to}T23:59:59.999Z`) } : {}),
          },
        }
      : {}),
  };
}

/** A page of the audit log, newest first. */
export async function listAuditLog(db: Db, query: AuditQuery): Promise<Page<AuditEntry>> {
  const where = await whereOf(db, query);
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      select: ENTRY_FIELDS,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      ...pageWindow(query),
    }),
    db.auditLog.count({ where }),
  ]);
  return {
    items: rows.map(({ at, details, ...row }) => ({ ...row, at: at.toISOString(), details: parseDetails(details) })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}
